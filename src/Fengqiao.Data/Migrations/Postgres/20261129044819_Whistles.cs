using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Whistles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LetterNumberSequences",
                columns: table => new
                {
                    IssuingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IssuerPrefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterNumberSequences", x => new { x.IssuingUnitId, x.Type, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "LetterProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RuleCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RuleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    RecipientUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Why = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LetterId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterProposals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LetterRules",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    Proposes = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    PeriodDays = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterRules", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Letters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    IssuingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuerPrefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecipientUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Salutation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SignatureUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DraftedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DraftedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReplyDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CorrectsLetterId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Letters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Letters_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Letters_Units_IssuingUnitId",
                        column: x => x.IssuingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Letters_Units_RecipientUnitId",
                        column: x => x.RecipientUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Whistles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    BlowingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    InitialLevel = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    BlownAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BlownBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NextDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EventCount = table.Column<int>(type: "integer", nullable: false),
                    FlaggedCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Whistles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Whistles_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Whistles_Units_BlowingUnitId",
                        column: x => x.BlowingUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LetterEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LetterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterEvents_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WhistleEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WhistleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhistleEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WhistleEvents_Whistles_WhistleId",
                        column: x => x.WhistleId,
                        principalTable: "Whistles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WhistleReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WhistleId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Supersedes = table.Column<Guid>(type: "uuid", nullable: true),
                    LetterIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhistleReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WhistleReferrals_Whistles_WhistleId",
                        column: x => x.WhistleId,
                        principalTable: "Whistles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WhistleSummonses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WhistleId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Task = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SummonedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Result = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Flagged = table.Column<bool>(type: "boolean", nullable: false),
                    Timeliness = table.Column<int>(type: "integer", nullable: true),
                    Attitude = table.Column<int>(type: "integer", nullable: true),
                    ResultScore = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhistleSummonses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WhistleSummonses_Units_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WhistleSummonses_Whistles_WhistleId",
                        column: x => x.WhistleId,
                        principalTable: "Whistles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LetterEvents_LetterId_Sequence",
                table: "LetterEvents",
                columns: new[] { "LetterId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterProposals_CaseId_RuleCode",
                table: "LetterProposals",
                columns: new[] { "CaseId", "RuleCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterProposals_State_ProposedAt",
                table: "LetterProposals",
                columns: new[] { "State", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_CaseId",
                table: "Letters",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_IssuedAt",
                table: "Letters",
                column: "IssuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_IssuingUnitId",
                table: "Letters",
                column: "IssuingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Number",
                table: "Letters",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Letters_RecipientUnitId_State",
                table: "Letters",
                columns: new[] { "RecipientUnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_WhistleEvents_WhistleId_Sequence",
                table: "WhistleEvents",
                columns: new[] { "WhistleId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WhistleReferrals_WhistleId",
                table: "WhistleReferrals",
                column: "WhistleId");

            migrationBuilder.CreateIndex(
                name: "IX_Whistles_BlowingUnitId",
                table: "Whistles",
                column: "BlowingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Whistles_BlownAt",
                table: "Whistles",
                column: "BlownAt");

            migrationBuilder.CreateIndex(
                name: "IX_Whistles_CaseId",
                table: "Whistles",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Whistles_State_NextDueAt",
                table: "Whistles",
                columns: new[] { "State", "NextDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WhistleSummonses_DepartmentId_Status",
                table: "WhistleSummonses",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WhistleSummonses_WhistleId_DepartmentId",
                table: "WhistleSummonses",
                columns: new[] { "WhistleId", "DepartmentId" },
                unique: true);

            // Whistle and letter logs are evidence like the case log: the database refuses to change or remove an entry.
            migrationBuilder.Sql("""
                CREATE FUNCTION module_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% entries are append-only', TG_TABLE_NAME;
                END;
                $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER whistle_events_no_change BEFORE UPDATE OR DELETE ON "WhistleEvents" FOR EACH ROW EXECUTE FUNCTION module_events_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER letter_events_no_change BEFORE UPDATE OR DELETE ON "LetterEvents" FOR EACH ROW EXECUTE FUNCTION module_events_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS whistle_events_no_change ON "WhistleEvents";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS letter_events_no_change ON "LetterEvents";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS module_events_append_only();");

            migrationBuilder.DropTable(
                name: "LetterEvents");

            migrationBuilder.DropTable(
                name: "LetterNumberSequences");

            migrationBuilder.DropTable(
                name: "LetterProposals");

            migrationBuilder.DropTable(
                name: "LetterRules");

            migrationBuilder.DropTable(
                name: "WhistleEvents");

            migrationBuilder.DropTable(
                name: "WhistleReferrals");

            migrationBuilder.DropTable(
                name: "WhistleSummonses");

            migrationBuilder.DropTable(
                name: "Letters");

            migrationBuilder.DropTable(
                name: "Whistles");
        }
    }
}
