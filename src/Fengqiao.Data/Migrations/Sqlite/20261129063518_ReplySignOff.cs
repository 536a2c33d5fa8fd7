using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReplySignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReplySubmittedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReplySubmittedAt",
                table: "Cases");
        }
    }
}
