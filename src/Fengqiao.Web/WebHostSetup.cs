using System.Globalization;
using Fengqiao.Core;
using Fengqiao.Data;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Seeding;
using Fengqiao.Web.Admin;
using Fengqiao.Web.Api;
using Fengqiao.Web.Assessment;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Components;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Grid;
using Fengqiao.Web.Places;
using Fengqiao.Web.Jobs;
using Fengqiao.Web.JudicialAid;
using Fengqiao.Web.Ledger;
using Fengqiao.Web.Mediation;
using Fengqiao.Web.Suggestions;
using Fengqiao.Web.ServiceMenu;
using Fengqiao.Web.Organisation;
using Fengqiao.Web.Outreach;
using Fengqiao.Web.Text;
using Fengqiao.Web.Tidal;
using Fengqiao.Web.Portal;
using Fengqiao.Web.Procuratorate;
using Fengqiao.Web.Public;
using Fengqiao.Web.CaseDocuments;
using Fengqiao.Web.Cases;
using Fengqiao.Web.Contracting;
using Fengqiao.Web.Letters;
using Fengqiao.Web.Whistles;
using Fengqiao.Web.VillageAssessment;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Fengqiao.Web;

/// <summary>How the web host is put together. Each feature adds its services and endpoints here, one line each.</summary>
public static class WebHostSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>
    /// The largest message a browser may send over the interactive connection. A field's text travels in one message,
    /// as JSON inside the hub frame; SignalR's default (32 KB) dropped the connection at about 10,000 Chinese characters.
    /// </summary>
    // Worst case 6 bytes per UTF-16 unit (a lone surrogate or control character becomes a "\uXXXX" escape; Chinese takes 3 in UTF-8), plus 16 KB for the event's other JSON.
    public const long MaximumReceiveMessageSize = TextLimits.Longest * 6L + 16 * 1024;

    public static WebApplicationBuilder AddFengqiaoWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (!builder.Environment.IsDevelopment() && configuration.GetValue("Logging:Json", true))
        {
            // Structured logs: one JSON object per line, with scopes (trace ids) included.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<IAccessScopeProvider>(sp => sp.GetRequiredService<CurrentPrincipal>());
        services.AddScoped<CircuitHandler, PrincipalCircuitHandler>();
        services.AddScoped<UserOperations>();
        services.AddSingleton<Tidal.TidalNodeCache>();
        services.AddScoped<Tidal.TidalWorkspace>();
        // The base map every PlaceMap draws on (docs/operations.md, "Base map"); none configured is a valid choice.
        services.Configure<Components.Maps.MapSettings>(configuration.GetSection(Components.Maps.MapSettings.Section));
        services.AddScoped<Data.Grid.GridDesk>();
        services.AddScoped<Data.VillageAssessment.VillageAssessmentDesk>();
        services.AddSingleton(Data.JudicialAid.JudicialAidSettings.Read(configuration));
        services.AddScoped(sp => new Data.JudicialAid.JudicialAidDesk(sp.GetRequiredService<FengqiaoDbContext>(), sp.GetRequiredService<NodaTime.IClock>()) { Policy = sp.GetRequiredService<Core.JudicialAid.JudicialAidPolicy>() });
        services.AddScoped<Data.Outreach.OutreachDesk>();
        services.AddScoped<Data.Mediation.MediationDesk>();
        services.AddScoped<Data.Mediation.PetitionMediationDesk>();
        services.AddScoped<Data.Mediation.MediationFiguresDesk>();
        services.AddScoped<Data.Mediation.CentreDesk>();
        services.AddScoped<Data.Mediation.PublicCentres>();
        services.AddScoped<Data.Mediation.MediationLimitSweep>();
        services.AddScoped<Data.Mediation.PublicMediationApplications>();
        services.AddLeasedJob<Data.Mediation.MediationLimitSweep>(configuration, "Mediation:LimitSweepSeconds", 300);
        services.AddScoped<Data.Suggestions.SuggestionDesk>();
        services.AddScoped<Data.Suggestions.PublicSuggestions>();
        services.AddScoped<Data.ServiceMenu.ProviderOrderDesk>();
        services.AddScoped<Data.ServiceMenu.ServiceMenuDesk>();
        services.AddScoped<Data.ServiceMenu.ServiceOrderCompletion>();
        services.AddScoped<Data.ServiceMenu.ServiceOrderBoard>();
        services.AddScoped<Data.ServiceMenu.PortalServiceOrders>();
        services.AddScoped<Data.Procuratorate.ProcuratorateCompliance>();
        services.AddScoped(sp => new Data.Procuratorate.ProcuratorateDesk(sp.GetRequiredService<FengqiaoDbContext>(), sp.GetRequiredService<NodaTime.IClock>(), sp.GetRequiredService<Data.Cases.CaseRules>().Calendar));
        services.AddLeasedJob<Data.Deadlines.DeadlineSweep>(configuration, "Deadlines:SweepSeconds", 60);
        services.AddLeasedJob<Data.Notices.NoticeDispatcher>(configuration, "Notices:DispatchSeconds", 30);
        services.AddHostedService<Jobs.CalendarRefreshService>();
        services.AddFengqiaoData(configuration);
        services.AddFengqiaoText();
        services.AddFengqiaoPortal(configuration);
        services.AddWhistles(configuration);
        // Keys in the database: any node can read the cookies and antiforgery tokens any other node issued.


        services.AddIdentity<StaffUser, IdentityRole>(DataServiceCollectionExtensions.ConfigureAccounts)
            .AddEntityFrameworkStores<FengqiaoDbContext>()
            .AddClaimsPrincipalFactory<FengqiaoClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "fengqiao.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get status codes, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateStampWhenDue;
        });
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireAssertion(c => FengqiaoClaims.Roles(c.User).Any(Core.Organisations.RoleCatalog.IsStaff)))
            .AddPolicy(Policies.ServiceProvider, p => p.RequireRole(nameof(Core.Organisations.StaffRole.ServiceProvider)))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(nameof(Core.Organisations.StaffRole.Administrator)))
            .AddPolicy(Policies.PolicePlanning, p => p.RequireRole(nameof(Core.Organisations.StaffRole.PolicePlanner), nameof(Core.Organisations.StaffRole.Administrator)))
            .AddPolicy(Policies.Procuratorate, p => p.RequireRole(nameof(Core.Organisations.StaffRole.Procurator), nameof(Core.Organisations.StaffRole.Administrator)));
        foreach (var action in Enum.GetValues<Core.Organisations.StaffAction>())
        {
            authorization.AddPolicy(Policies.For(action), p => p.RequireAuthenticatedUser().RequireAssertion(c => FengqiaoClaims.May(c.User, action)));
        }
        services.AddCascadingAuthenticationState();

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese unless the person switched (cookie) or a link asks (?culture=en). The browser's Accept-Language is
            // deliberately ignored: a district's shared terminals often run English-language browsers.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // Chinese text goes out as text, not as &#x...; entities: a third of the bytes on a phone connection.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = MaximumReceiveMessageSize);
        services.AddMudServices();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsLocalizer.Customize);
        // Enums travel as their names ("Clerk", "InProgress"), which clients can read without our source.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // Instants as ISO-8601 UTC ("2026-11-29T01:02:03Z"): the API speaks instants, pages speak Beijing time.
            NodaTime.Serialization.SystemTextJson.Extensions.ConfigureForNodaTime(o.SerializerOptions, NodaTime.DateTimeZoneProviders.Tzdb);
        });
        services.AddOpenApi();
        services.AddExceptionHandler<DatabaseOutageAnswer>();
        // A real round trip: a pooled connection opens fine after the database went away.
        services.AddHealthChecks().AddDbContextCheck<FengqiaoDbContext>("database", customTestQuery: DatabaseOutage.ProbeAsync);
        services.AddHttpContextAccessor();

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("fengqiao-web"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(FengqiaoTelemetry.MeterName);
                if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    m.AddOtlpExporter();
                }
            })
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation().AddSource(FengqiaoTelemetry.ActivitySourceName);
                if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    t.AddOtlpExporter();
                }
            });
        return builder;
    }

    /// <summary>
    /// Identity's security-stamp check, run when it is due. Identity's own handler builds the sign-in and user
    /// managers for every request (a dozen services, some 3 % of an API call's CPU) only to find that the interval has
    /// not passed; the same test comes first here, so the check runs exactly when it would have.
    /// </summary>
    private static Task ValidateStampWhenDue(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        // Identity's own time base: cookie issue times are stamped by the authentication handler, not the IClock.
#pragma warning disable RS0030
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
#pragma warning restore RS0030
        var due = context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval;
        return due ? SecurityStampValidator.ValidatePrincipalAsync(context) : Task.CompletedTask;
    }

    private static Task ApiAware(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// SQLite (the demo and single-machine installs) is migrated and, when empty, seeded at start. PostgreSQL is
    /// migrated by the operator (`fengqiao db migrate`) unless Database:MigrateOnStart says otherwise, because
    /// several nodes must not race to change the schema.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var migrate = app.Configuration.GetValue("Database:MigrateOnStart", settings.Provider == DatabaseProvider.Sqlite);
        var seed = app.Configuration.GetValue("Demo:SeedOnStart", settings.Provider == DatabaseProvider.Sqlite);
        if (app.Services.GetRequiredService<NodaTime.IClock>() is ShiftedClock shifted)
        {
            // A node on a moved clock computes every deadline from that day: say so where operators look first.
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fengqiao.Clock")
                .LogWarning("Clock:StartAt is set: this node's clock started at {StartAt}, not the system clock's time", shifted.StartAt);
        }
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
        if (migrate)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
        if (seed)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.IsEmptyAsync())
            {
                var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Fengqiao.Demo");
                // A year of simulated cases unless Demo:Scale says Compact (the smaller demo the tests copy).
                var scale = app.Configuration.GetValue("Demo:Scale", DemoScale.Year);
                var result = await seeder.SeedAsync(scale, app.Configuration["Demo:Password"] ?? DemoAccounts.DefaultPassword);
                log.LogInformation("Demo data seeded: {Divisions} divisions, {Units} units, {Accounts} accounts, {Residents} residents, {Cases} cases",
                    result.Divisions, result.Units, result.Accounts, result.Residents, result.Cases);
            }
        }
        // Holidays an administrator entered govern deadlines from the first request on.
        await scope.ServiceProvider.GetRequiredService<Data.Calendar.WorkCalendarStore>().RefreshAsync();
    }

    public static WebApplication UseFengqiaoWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        else
        {
            app.UseExceptionHandler();
        }
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseFengqiaoPublicGuards();
        app.UseAuthentication();
        app.UseCurrentPrincipal();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // Public on purpose: the API's description (no data) and the load balancer's health probe.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Fengqiao API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();

        app.MapAccountEndpoints();
        app.MapOrganisation();
        app.MapCases();
        app.MapCaseIntakeApi();
        app.MapAttachmentsApi();
        app.MapLedger();
        app.MapWhistles();
        app.MapLetters();
        app.MapAssessment();
        app.MapPublic();
        app.MapCaseDocuments();
        app.MapAdmin();
        app.MapTidal();
        app.MapCalendarApi();
        app.MapText();
        app.MapOpen311Api();
        app.MapGrid();
        app.MapPlaces();
        app.MapVillageAssessment();
        app.MapProcuratorate();
        app.MapJudicialAid();
        app.MapOutreach();
        app.MapMediation();
        app.MapMediationCentre();
        app.MapSuggestions();
        app.MapServiceMenu();
        app.MapContracting();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

public static class Policies
{
    public const string Staff = "staff";
    public const string Administrator = "administrator";

    /// <summary>The tidal duty planner: police planners (and administrators), not the rest of the staff.</summary>
    public const string PolicePlanning = "police-planning";

    /// <summary>Judicial aid and the procuratorate's own records (hearings, suggestions): procurators and administrators.</summary>
    public const string Procuratorate = "procuratorate";

    /// <summary>A service provider's own orders (我的服务订单): provider accounts only, linked to their provider row.</summary>
    public const string ServiceProvider = "service-provider";

    /// <summary>The <see cref="Core.Organisations.StaffAction.AnswerSuggestion"/> act as a constant, for the page's attribute.</summary>
    public const string AnswerSuggestions = "action:" + nameof(Core.Organisations.StaffAction.AnswerSuggestion);

    /// <summary>The <see cref="Core.Organisations.StaffAction.DrawBoundaries"/> act (网格划分) as a constant, for the page's attribute.</summary>
    public const string DrawBoundaries = "action:" + nameof(Core.Organisations.StaffAction.DrawBoundaries);

    /// <summary>The policy of one act of Core's permission table (<see cref="Core.Organisations.StaffPermissions"/>).</summary>
    public static string For(Core.Organisations.StaffAction action) => "action:" + action;
}
