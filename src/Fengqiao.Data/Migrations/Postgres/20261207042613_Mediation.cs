using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    GuidingUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsWoman = table.Column<bool>(type: "boolean", nullable: false),
                    Seat = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Employment = table.Column<int>(type: "integer", nullable: false),
                    Specialities = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsRespectedLocal = table.Column<bool>(type: "boolean", nullable: false),
                    Profile = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: true),
                    MediatorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Initiation = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Parties = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Matter = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastActionAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LimitDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AgreementEffectiveAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmationDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Sessions = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: true),
                    Before = table.Column<int>(type: "integer", nullable: false),
                    After = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Data = table.Column<string>(type: "character varying(80000)", maxLength: 80000, nullable: true)
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
