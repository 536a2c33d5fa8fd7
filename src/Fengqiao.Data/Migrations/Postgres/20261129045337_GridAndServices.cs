using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GridAndServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Grids_Divisions_VillageCode",
                        column: x => x.VillageCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JudicialAidApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Applicant = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Circumstances = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Disbursed = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    SupervisionAgreed = table.Column<bool>(type: "boolean", nullable: false),
                    FollowUpChecks = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudicialAidApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudicialAidApplications_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeaderActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderPost = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    MovedFromHoliday = table.Column<bool>(type: "boolean", nullable: false),
                    Recorded = table.Column<bool>(type: "boolean", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    Matters = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResolvedOnTheSpot = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutreachEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Organiser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    AudienceCount = table.Column<int>(type: "integer", nullable: false),
                    Photos = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcuratorialSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecipientUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReplyDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reply = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Adopted = table.Column<bool>(type: "boolean", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcuratorialSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcuratorialSuggestions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicHearings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Participants = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicHearings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicHearings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceOfferings",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Topics = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Orderers = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LecturerChoice = table.Column<bool>(type: "boolean", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceOfferings", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ServiceProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kinds = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Topics = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Areas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SixQuestionsNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Household = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Cadre = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Safety = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Livelihood = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Health = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Disputes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Difficulties = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Suggestions = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FollowUpNeeded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SixQuestionsNotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VillageIndicatorEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ValueKind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Denominator = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Points = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillageIndicatorEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GridMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridMembers_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KeyPlaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyPlaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyPlaces_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudicialAidEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Before = table.Column<int>(type: "integer", nullable: false),
                    After = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Data = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudicialAidEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudicialAidEvents_JudicialAidApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "JudicialAidApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProviderFreeSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderFreeSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProviderFreeSlots_ServiceProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "ServiceProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OfferingCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrdererKind = table.Column<int>(type: "integer", nullable: false),
                    OrdererName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    OrdererAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PreferredStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PreferredEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChosenProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ScheduledStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ScheduledEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: true),
                    Stars = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OrderedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceOrders_ServiceOfferings_OfferingCode",
                        column: x => x.OfferingCode,
                        principalTable: "ServiceOfferings",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceOrders_ServiceProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "ServiceProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyPlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlannedVisitId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Inspector = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    InspectorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionVisits_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionVisits_KeyPlaces_KeyPlaceId",
                        column: x => x.KeyPlaceId,
                        principalTable: "KeyPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlannedVisits",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyPlaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlannedVisits_Grids_GridId",
                        column: x => x.GridId,
                        principalTable: "Grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlannedVisits_KeyPlaces_KeyPlaceId",
                        column: x => x.KeyPlaceId,
                        principalTable: "KeyPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceOrderEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Before = table.Column<int>(type: "integer", nullable: false),
                    After = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceOrderEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceOrderEvents_ServiceOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "ServiceOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseTrackingCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionFindings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionFindings_InspectionVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "InspectionVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentNotices_AreaCode_Month",
                table: "AssessmentNotices",
                columns: new[] { "AreaCode", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GridMembers_AccountId",
                table: "GridMembers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_GridMembers_GridId",
                table: "GridMembers",
                column: "GridId");

            migrationBuilder.CreateIndex(
                name: "IX_Grids_Code",
                table: "Grids",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Grids_VillageCode",
                table: "Grids",
                column: "VillageCode");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_CaseId",
                table: "InspectionFindings",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_VisitId",
                table: "InspectionFindings",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionVisits_GridId_At",
                table: "InspectionVisits",
                columns: new[] { "GridId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionVisits_KeyPlaceId",
                table: "InspectionVisits",
                column: "KeyPlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionVisits_PlannedVisitId",
                table: "InspectionVisits",
                column: "PlannedVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_JudicialAidApplications_DivisionCode",
                table: "JudicialAidApplications",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_JudicialAidApplications_UnitId",
                table: "JudicialAidApplications",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_JudicialAidEvents_ApplicationId_Sequence",
                table: "JudicialAidEvents",
                columns: new[] { "ApplicationId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeyPlaces_GridId_Code",
                table: "KeyPlaces",
                columns: new[] { "GridId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeaderActivities_VillageCode_Date",
                table: "LeaderActivities",
                columns: new[] { "VillageCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_OutreachEvents_DivisionCode_Date",
                table: "OutreachEvents",
                columns: new[] { "DivisionCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedVisits_GridId_Month",
                table: "PlannedVisits",
                columns: new[] { "GridId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedVisits_KeyPlaceId",
                table: "PlannedVisits",
                column: "KeyPlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcuratorialSuggestions_DocumentNumber",
                table: "ProcuratorialSuggestions",
                column: "DocumentNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcuratorialSuggestions_UnitId",
                table: "ProcuratorialSuggestions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderFreeSlots_ProviderId_Start",
                table: "ProviderFreeSlots",
                columns: new[] { "ProviderId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicHearings_UnitId",
                table: "PublicHearings",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOrderEvents_OrderId_Sequence",
                table: "ServiceOrderEvents",
                columns: new[] { "OrderId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOrders_DivisionCode",
                table: "ServiceOrders",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOrders_OfferingCode",
                table: "ServiceOrders",
                column: "OfferingCode");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOrders_ProviderId",
                table: "ServiceOrders",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOrders_TrackingCode",
                table: "ServiceOrders",
                column: "TrackingCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SixQuestionsNotes_VillageCode_Date",
                table: "SixQuestionsNotes",
                columns: new[] { "VillageCode", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_VillageIndicatorEntries_Month",
                table: "VillageIndicatorEntries",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_VillageIndicatorEntries_VillageCode_Month_IndicatorCode",
                table: "VillageIndicatorEntries",
                columns: new[] { "VillageCode", "Month", "IndicatorCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentNotices");

            migrationBuilder.DropTable(
                name: "GridMembers");

            migrationBuilder.DropTable(
                name: "InspectionFindings");

            migrationBuilder.DropTable(
                name: "JudicialAidEvents");

            migrationBuilder.DropTable(
                name: "LeaderActivities");

            migrationBuilder.DropTable(
                name: "OutreachEvents");

            migrationBuilder.DropTable(
                name: "PlannedVisits");

            migrationBuilder.DropTable(
                name: "ProcuratorialSuggestions");

            migrationBuilder.DropTable(
                name: "ProviderFreeSlots");

            migrationBuilder.DropTable(
                name: "PublicHearings");

            migrationBuilder.DropTable(
                name: "ServiceOrderEvents");

            migrationBuilder.DropTable(
                name: "SixQuestionsNotes");

            migrationBuilder.DropTable(
                name: "VillageIndicatorEntries");

            migrationBuilder.DropTable(
                name: "InspectionVisits");

            migrationBuilder.DropTable(
                name: "JudicialAidApplications");

            migrationBuilder.DropTable(
                name: "ServiceOrders");

            migrationBuilder.DropTable(
                name: "KeyPlaces");

            migrationBuilder.DropTable(
                name: "ServiceOfferings");

            migrationBuilder.DropTable(
                name: "ServiceProviders");

            migrationBuilder.DropTable(
                name: "Grids");
        }
    }
}
