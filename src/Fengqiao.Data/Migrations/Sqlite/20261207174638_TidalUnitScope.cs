using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TidalUnitScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "UnitId",
                table: "TidalDatasets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TidalDatasets_UnitId",
                table: "TidalDatasets",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_TidalDatasets_Units_UnitId",
                table: "TidalDatasets",
                column: "UnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_TidalDatasets_Units_UnitId",
                table: "TidalDatasets");

            migrationBuilder.DropIndex(
                name: "IX_TidalDatasets_UnitId",
                table: "TidalDatasets");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "TidalDatasets");
        }
    }
}
