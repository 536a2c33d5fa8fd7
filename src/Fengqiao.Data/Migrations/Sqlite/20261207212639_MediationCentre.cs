using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediationCentre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MediationCentres",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    OperatorUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationCentres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediationCentres_Units_OperatorUnitId",
                        column: x => x.OperatorUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CentreStations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CentreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Window = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Services = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreStations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreStations_MediationCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "MediationCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CentreStations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CentreReceptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CentreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<int>(type: "INTEGER", nullable: false),
                    Resident = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OtherParty = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Matter = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CommitteeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MediatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MediationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreReceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreReceptions_CentreStations_StationId",
                        column: x => x.StationId,
                        principalTable: "CentreStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CentreReceptions_MediationCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "MediationCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CentreReceptions_Mediations_MediationId",
                        column: x => x.MediationId,
                        principalTable: "Mediations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CentreRota",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CentreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Window = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CentreRota", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CentreRota_CentreStations_StationId",
                        column: x => x.StationId,
                        principalTable: "CentreStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CentreRota_MediationCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "MediationCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CentreReceptions_CentreId_Day",
                table: "CentreReceptions",
                columns: new[] { "CentreId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreReceptions_MediationId",
                table: "CentreReceptions",
                column: "MediationId");

            migrationBuilder.CreateIndex(
                name: "IX_CentreReceptions_StationId",
                table: "CentreReceptions",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_CentreRota_CentreId_Date_Window",
                table: "CentreRota",
                columns: new[] { "CentreId", "Date", "Window" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CentreRota_StationId_Date",
                table: "CentreRota",
                columns: new[] { "StationId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CentreStations_CentreId_Position",
                table: "CentreStations",
                columns: new[] { "CentreId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_CentreStations_UnitId",
                table: "CentreStations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_MediationCentres_DivisionCode",
                table: "MediationCentres",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_MediationCentres_OperatorUnitId",
                table: "MediationCentres",
                column: "OperatorUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CentreReceptions");

            migrationBuilder.DropTable(
                name: "CentreRota");

            migrationBuilder.DropTable(
                name: "CentreStations");

            migrationBuilder.DropTable(
                name: "MediationCentres");
        }
    }
}
