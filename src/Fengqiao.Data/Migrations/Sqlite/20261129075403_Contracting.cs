using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Contracting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleaseSummary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    LastActionAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaderStaffIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseContracts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    ResidentSatisfied = table.Column<bool>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CallsForLookBack = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpVisits_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LookBackReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpVisitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReopenedTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LookBackReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LookBackReviews_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RankingNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    IssuingUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    FiguresJson = table.Column<string>(type: "TEXT", nullable: false),
                    Docx = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankingNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RankingNotices_Units_IssuingUnitId",
                        column: x => x.IssuingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReceptionSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeaderStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    To = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceptionSchedules_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WhistleLimits",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgeAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgeUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    ActAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    ActUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhistleLimits", x => x.Level);
                });

            migrationBuilder.CreateTable(
                name: "CaseContractLeaders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractLeaderStaffIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseContractLeaders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseContractLeaders_CaseContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "CaseContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseContractLeaders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReceptionCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeaderStaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeaderActivityId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceptionCases_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReceptionCases_ReceptionSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "ReceptionSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseContractLeaders_ContractId_StaffId",
                table: "CaseContractLeaders",
                columns: new[] { "ContractId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseContractLeaders_StaffId",
                table: "CaseContractLeaders",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseContractLeaders_UnitId",
                table: "CaseContractLeaders",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseContracts_AssignedAt",
                table: "CaseContracts",
                column: "AssignedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseContracts_CaseId_State",
                table: "CaseContracts",
                columns: new[] { "CaseId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_CaseId",
                table: "FollowUpVisits",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_UnitId_VisitedAt",
                table: "FollowUpVisits",
                columns: new[] { "UnitId", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LookBackReviews_CaseId",
                table: "LookBackReviews",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_LookBackReviews_UnitId_StartedAt",
                table: "LookBackReviews",
                columns: new[] { "UnitId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RankingNotices_IssuingUnitId",
                table: "RankingNotices",
                column: "IssuingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RankingNotices_Month_PublishedAt",
                table: "RankingNotices",
                columns: new[] { "Month", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionCases_CaseId",
                table: "ReceptionCases",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionCases_ScheduleId_Date",
                table: "ReceptionCases",
                columns: new[] { "ScheduleId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionSchedules_DivisionCode",
                table: "ReceptionSchedules",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionSchedules_LeaderStaffId",
                table: "ReceptionSchedules",
                column: "LeaderStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionSchedules_UnitId",
                table: "ReceptionSchedules",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseContractLeaders");

            migrationBuilder.DropTable(
                name: "FollowUpVisits");

            migrationBuilder.DropTable(
                name: "LookBackReviews");

            migrationBuilder.DropTable(
                name: "RankingNotices");

            migrationBuilder.DropTable(
                name: "ReceptionCases");

            migrationBuilder.DropTable(
                name: "WhistleLimits");

            migrationBuilder.DropTable(
                name: "CaseContracts");

            migrationBuilder.DropTable(
                name: "ReceptionSchedules");
        }
    }
}
