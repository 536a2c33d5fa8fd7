using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Mediation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MediationCommittees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    GuidingUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationCommittees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediationCommittees_Units_GuidingUnitId",
                        column: x => x.GuidingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediationCommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsWoman = table.Column<bool>(type: "INTEGER", nullable: false),
                    Seat = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationCommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediationCommitteeMembers_MediationCommittees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "MediationCommittees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MediationRooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationRooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediationRooms_MediationCommittees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "MediationCommittees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Mediators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Employment = table.Column<int>(type: "INTEGER", nullable: false),
                    Specialities = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IsRespectedLocal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mediators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mediators_MediationCommittees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "MediationCommittees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Mediations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MediatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Initiation = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Parties = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Matter = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastActionAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LimitDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgreementEffectiveAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmationDueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mediations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mediations_MediationCommittees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "MediationCommittees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Mediations_MediationRooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "MediationRooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Mediations_Mediators_MediatorId",
                        column: x => x.MediatorId,
                        principalTable: "Mediators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: true),
                    Before = table.Column<int>(type: "INTEGER", nullable: false),
                    After = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Data = table.Column<string>(type: "TEXT", maxLength: 80000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediationEvents_Mediations_MediationId",
                        column: x => x.MediationId,
                        principalTable: "Mediations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MediationCommitteeMembers_CommitteeId_Position",
                table: "MediationCommitteeMembers",
                columns: new[] { "CommitteeId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediationCommittees_DivisionCode",
                table: "MediationCommittees",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_MediationCommittees_GuidingUnitId",
                table: "MediationCommittees",
                column: "GuidingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MediationEvents_MediationId_Sequence",
                table: "MediationEvents",
                columns: new[] { "MediationId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediationRooms_CommitteeId",
                table: "MediationRooms",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_Mediations_CommitteeId",
                table: "Mediations",
                column: "CommitteeId");

            migrationBuilder.CreateIndex(
                name: "IX_Mediations_MediatorId",
                table: "Mediations",
                column: "MediatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Mediations_RoomId",
                table: "Mediations",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_Mediations_State",
                table: "Mediations",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Mediators_CommitteeId",
                table: "Mediators",
                column: "CommitteeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MediationCommitteeMembers");

            migrationBuilder.DropTable(
                name: "MediationEvents");

            migrationBuilder.DropTable(
                name: "Mediations");

            migrationBuilder.DropTable(
                name: "MediationRooms");

            migrationBuilder.DropTable(
                name: "Mediators");

            migrationBuilder.DropTable(
                name: "MediationCommittees");
        }
    }
}
