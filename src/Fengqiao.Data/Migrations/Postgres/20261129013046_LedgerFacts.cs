using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClosedWithinDays",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecisionDueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RepliedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReplyDueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResolvedOnTheSpot",
                table: "Cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ClosedWithinDays",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DecisionDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RepliedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReplyDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ResolvedOnTheSpot",
                table: "Cases");
        }
    }
}
