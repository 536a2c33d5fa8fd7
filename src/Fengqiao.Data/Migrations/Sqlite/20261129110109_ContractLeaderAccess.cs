using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 800,
                nullable: true);

            // Contracts made before this migration: their leaders may open the case too.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "ContractLeaderStaffIds" =
                    (SELECT group_concat("LeaderStaffIds", ',') FROM "CaseContracts" WHERE "CaseContracts"."CaseId" = "Cases"."Id")
                WHERE EXISTS (SELECT 1 FROM "CaseContracts" WHERE "CaseContracts"."CaseId" = "Cases"."Id");
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
