using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AppendOnlyCaseEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The case log is evidence: the database itself refuses to change or remove an entry.
            migrationBuilder.Sql("""
                CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'case events are append-only';
                END;
                $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON "CaseEvents" FOR EACH ROW EXECUTE FUNCTION case_events_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS case_events_no_change ON "CaseEvents";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS case_events_append_only();");
        }
    }
}
