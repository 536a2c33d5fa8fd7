using Fengqiao.Data.Accounts;
using Fengqiao.Data.Import;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Seeding;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database chosen by configuration. The host must register an
    /// <see cref="Scope.IAccessScopeProvider"/>: there is deliberately no default, so a host that forgets gets an
    /// error at start rather than a database that shows everything.
    /// </summary>
    public static IServiceCollection AddFengqiaoData(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddScoped<IDbContextFactory<FengqiaoDbContext>, FengqiaoDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<FengqiaoDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DivisionImporter>();
        // Points are placed by the imported boundaries; with none imported they land in the sender's district, flagged as an estimate.
        services.AddSingleton<Places.BoundaryPlacement>();
        services.AddSingleton<Places.IPointPlacement>(sp => sp.GetRequiredService<Places.BoundaryPlacement>());
        services.AddScoped<Places.BoundaryImporter>();
        services.AddScoped<Places.BoundaryOutlines>();
        services.AddScoped<Places.BoundaryDrawing>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<StaffAccounts>();
        services.AddSingleton(_ => new Cases.CaseRules(Core.Calendar.WorkCalendar.China, Core.Cases.Deadlines.SlaProfileCatalog.DefaultSelector));
        services.AddScoped<Calendar.WorkCalendarStore>();
        // Keys in the database so every node (and the CLI) reads and writes the same key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("Fengqiao").PersistKeysToDbContext<FengqiaoDbContext>();
        Security.KeyEncryption.Configure(dataProtection, configuration);
        services.AddSingleton<Security.PersonalDataProtector>();
        services.AddScoped<Security.PersonalDataViews>();
        services.AddScoped<Security.PersonalDataReencryption>();
        services.AddSingleton<Cases.KnownReferences>();
        services.AddSingleton(new Cases.TrackingNumberBlocks());
        if (configuration.GetValue("Intake:GroupCommit", true))
        {
            services.AddSingleton(sp => new Cases.RegistrationCommits(sp.GetRequiredService<DatabaseSettings>()));
            services.AddSingleton(sp => new Cases.IntakeLookups(sp.GetRequiredService<DatabaseSettings>()));
        }
        services.AddScoped<Cases.CaseWorkflow>();
        services.AddScoped<Text.IntakeRouting>();
        services.AddScoped<Cases.IntakeDesk>();
        services.AddScoped<CaseDocuments.CaseDocumentDesk>();
        services.AddSingleton<Text.CaseMatterIndex>();
        services.AddScoped<Deadlines.DeadlineSweep>();
        var attachmentRoot = configuration["Attachments:Root"];
        services.AddSingleton<Attachments.IFileStore>(new Attachments.LocalFileStore(string.IsNullOrWhiteSpace(attachmentRoot) ? Path.Combine("data", "attachments") : attachmentRoot));
        services.AddScoped<Attachments.CaseAttachments>();
        var smtp = new Notices.SmtpOptions();
        configuration.GetSection("Notices:Smtp").Bind(smtp);
        services.AddSingleton(smtp);
        services.AddSingleton<Notices.INoticeSender, Notices.InAppNoticeSender>();
        services.AddSingleton<Notices.INoticeSender, Notices.SmtpNoticeSender>();
        services.AddSingleton<Notices.INoticeSender, Notices.SmsNoticeSender>();
        services.AddSingleton<Notices.ISmsGateway, Notices.LoggingSmsGateway>();
        services.AddScoped<Notices.NoticeDispatcher>();
        services.AddSingleton(ShiftedClock.FromConfiguration(configuration));
        // Read sides that pages and endpoints share; each opens a short-lived context per call.
        services.AddScoped<Organisations.OrganisationQueries>();
        services.AddScoped<Ledger.LedgerDesk>();
        // The tidal planners' working sets, each its unit's (scoped like every read side).
        services.AddScoped<Tidal.TidalStore>();
        services.AddScoped<Assessment.AssessmentDesk>();
        services.AddScoped<Cases.CaseDashboard>();
        services.AddScoped<Cases.CaseWorklist>();
        services.AddScoped<Cases.CaseFiles>();
        services.AddScoped<Cases.CaseSheets>();
        services.AddScoped<Text.TextDesk>();
        return services;
    }

    /// <summary>The password rules of every Fengqiao account, for the web host and the tools alike.</summary>
    public static void ConfigureAccounts(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 8;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        options.User.RequireUniqueEmail = false;
    }

    /// <summary>
    /// The data layer with account management but no sign-in, acting as the system: what the CLI, the tests and the
    /// benchmarks run on. (The web host registers full Identity and a per-request scope instead.)
    /// </summary>
    public static IServiceCollection AddFengqiaoDataForTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.AddSingleton<IAccessScopeProvider, SystemAccessScopeProvider>();
        services.AddFengqiaoData(configuration);
        services.AddIdentityCore<StaffUser>(ConfigureAccounts)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FengqiaoDbContext>();
        return services;
    }
}
