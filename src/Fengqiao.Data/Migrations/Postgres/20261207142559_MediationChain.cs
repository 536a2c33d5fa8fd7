using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "MediationEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // A mediation's log (signatures included) is evidence like the case log: the database refuses to change or remove an entry.
            migrationBuilder.Sql("""CREATE TRIGGER mediation_events_no_change BEFORE UPDATE OR DELETE ON "MediationEvents" FOR EACH ROW EXECUTE FUNCTION module_events_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS mediation_events_no_change ON "MediationEvents";""");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "MediationEvents");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "MediationEvents");
        }
    }
}
