using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediationChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "MediationEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "MediationEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // A mediation's log (signatures included) is evidence like the case log: the database refuses to change or remove an entry.
            migrationBuilder.Sql("CREATE TRIGGER mediationevents_no_update BEFORE UPDATE ON \"MediationEvents\" BEGIN SELECT RAISE(ABORT, 'MediationEvents are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER mediationevents_no_delete BEFORE DELETE ON \"MediationEvents\" BEGIN SELECT RAISE(ABORT, 'MediationEvents are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS mediationevents_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS mediationevents_no_delete;");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "MediationEvents");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "MediationEvents");
        }
    }
}
