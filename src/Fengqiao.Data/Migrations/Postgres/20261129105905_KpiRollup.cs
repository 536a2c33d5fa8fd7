using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KpiRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseKpiRollups",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    HandlingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteringUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Town = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Registered = table.Column<int>(type: "integer", nullable: false),
                    OnTheSpot = table.Column<int>(type: "integer", nullable: false),
                    Within10 = table.Column<int>(type: "integer", nullable: false),
                    Within20 = table.Column<int>(type: "integer", nullable: false),
                    DecisionDecided = table.Column<int>(type: "integer", nullable: false),
                    DecisionOnTime = table.Column<int>(type: "integer", nullable: false),
                    ReplyReplied = table.Column<int>(type: "integer", nullable: false),
                    ReplyOnTime = table.Column<int>(type: "integer", nullable: false),
                    Replied = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    Rated = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseKpiRollups", x => new { x.Month, x.HandlingUnitId, x.RegisteringUnitId, x.Town, x.Channel });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegisteredAt_Pending",
                table: "Cases",
                column: "RegisteredAt",
                filter: "(\"DecidedAt\" IS NULL AND \"DecisionDueAt\" IS NOT NULL) OR (\"RepliedAt\" IS NULL AND \"ReplyDueAt\" IS NOT NULL)");

            // The first fill from the cases already stored, the same counts as `fengqiao kpi rebuild`; by the Beijing month of each case.
            // From here on every save keeps the roll-up.
            migrationBuilder.Sql(""""
                INSERT INTO "CaseKpiRollups" ("Month", "HandlingUnitId", "RegisteringUnitId", "Town", "Channel", "Registered", "OnTheSpot", "Within10", "Within20", "DecisionDecided", "DecisionOnTime", "ReplyReplied", "ReplyOnTime", "Replied", "Closed", "Rated", "Satisfied")
                SELECT (EXTRACT(YEAR FROM "RegisteredAt" AT TIME ZONE 'Asia/Shanghai') * 100 + EXTRACT(MONTH FROM "RegisteredAt" AT TIME ZONE 'Asia/Shanghai'))::integer,
                    COALESCE("HandlingUnitId", '00000000-0000-0000-0000-000000000000'), "RegisteringUnitId", substr("DivisionCode", 1, 9), "Channel",
                    COUNT(*),
                    SUM(CASE WHEN "ResolvedOnTheSpot" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "ClosedWithinDays" <= 10 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "ClosedWithinDays" <= 20 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "DecisionDueAt" IS NOT NULL AND "DecidedAt" IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "DecisionDueAt" IS NOT NULL AND "DecidedAt" IS NOT NULL AND "DecidedAt" <= "DecisionDueAt" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "ReplyDueAt" IS NOT NULL AND "RepliedAt" IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "ReplyDueAt" IS NOT NULL AND "RepliedAt" IS NOT NULL AND "RepliedAt" <= "ReplyDueAt" THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "RepliedAt" IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "ClosedAt" IS NOT NULL THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "Rating" IN (1, 2, 3) THEN 1 ELSE 0 END),
                    SUM(CASE WHEN "Rating" IN (1, 2) THEN 1 ELSE 0 END)
                FROM "Cases"
                GROUP BY (EXTRACT(YEAR FROM "RegisteredAt" AT TIME ZONE 'Asia/Shanghai') * 100 + EXTRACT(MONTH FROM "RegisteredAt" AT TIME ZONE 'Asia/Shanghai'))::integer, COALESCE("HandlingUnitId", '00000000-0000-0000-0000-000000000000'), "RegisteringUnitId", substr("DivisionCode", 1, 9), "Channel"
                """");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseKpiRollups");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RegisteredAt_Pending",
                table: "Cases");
        }
    }
}
