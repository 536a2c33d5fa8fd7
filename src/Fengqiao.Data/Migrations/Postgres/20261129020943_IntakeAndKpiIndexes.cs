using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntakeAndKpiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_RegisteredAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegisteredAt",
                table: "Cases",
                column: "RegisteredAt")
                .Annotation("Npgsql:IndexInclude", new[] { "Channel", "DivisionCode", "HandlingUnitId", "CategoryCode", "ResolvedOnTheSpot", "DecidedAt", "DecisionDueAt", "RepliedAt", "ReplyDueAt", "ClosedAt", "ClosedWithinDays", "Rating", "RegisteringUnitId", "ResidentAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Phone",
                table: "CaseParties",
                column: "Phone");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_RegisteredAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_Phone",
                table: "CaseParties");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RegisteredAt",
                table: "Cases",
                column: "RegisteredAt");
        }
    }
}
