using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Applicant = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Circumstances = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Disbursed = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    SupervisionAgreed = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderPost = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    MovedFromHoliday = table.Column<bool>(type: "INTEGER", nullable: false),
                    Recorded = table.Column<bool>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Matters = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResolvedOnTheSpot = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutreachEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Organiser = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AudienceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Photos = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcuratorialSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecipientUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReplyDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Adopted = table.Column<bool>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Orderers = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LecturerChoice = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceOfferings", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ServiceProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kinds = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Areas = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SixQuestionsNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Household = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Cadre = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Safety = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Livelihood = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Health = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Disputes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Difficulties = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Suggestions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FollowUpNeeded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SixQuestionsNotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VillageIndicatorEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VillageCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValueKind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Denominator = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillageIndicatorEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GridMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Before = table.Column<int>(type: "INTEGER", nullable: false),
                    After = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Data = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OfferingCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrdererKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdererName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    OrdererAccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PreferredStart = table.Column<long>(type: "INTEGER", nullable: false),
                    PreferredEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    ChosenProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ScheduledStart = table.Column<long>(type: "INTEGER", nullable: true),
                    ScheduledEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: true),
                    Stars = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OrderedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyPlaceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlannedVisitId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Inspector = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    InspectorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyPlaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Before = table.Column<int>(type: "INTEGER", nullable: false),
                    After = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseTrackingCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
