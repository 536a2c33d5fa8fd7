using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContractLeaderAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContractLeaderStaffIds",
                table: "Cases",
                type: "character varying(800)",
                maxLength: 800,
                nullable: true);

            // Contracts made before this migration: their leaders may open the case too.
            migrationBuilder.Sql("""
                UPDATE "Cases" AS c SET "ContractLeaderStaffIds" = s.ids
                FROM (SELECT "CaseId", string_agg("LeaderStaffIds", ',') AS ids FROM "CaseContracts" GROUP BY "CaseId") AS s
                WHERE s."CaseId" = c."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContractLeaderStaffIds",
                table: "Cases");
        }
    }
}
