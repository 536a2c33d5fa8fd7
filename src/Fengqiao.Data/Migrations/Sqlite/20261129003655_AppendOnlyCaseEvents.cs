using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AppendOnlyCaseEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The case log is evidence: the database itself refuses to change or remove an entry.
            migrationBuilder.Sql("CREATE TRIGGER case_events_no_update BEFORE UPDATE ON \"CaseEvents\" BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER case_events_no_delete BEFORE DELETE ON \"CaseEvents\" BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS case_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS case_events_no_delete;");
        }
    }
}
