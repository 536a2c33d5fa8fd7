using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Cases.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>Someone else acted on the case first: reload and decide again.</summary>
public sealed class CaseConflictException(string trackingCode, int expected, int actual)
    : Exception($"案件 {trackingCode} 已被他人更新（第 {actual} 版，您基于第 {expected} 版），请刷新后重试 (case {trackingCode} changed since you loaded it: version {actual}, you acted on {expected}; reload and retry)")
{
    public int Actual { get; } = actual;
}

/// <summary>
/// Registers cases and applies lifecycle actions: the one entry the pages, endpoints and desks use. The rules are
/// Core's <see cref="CaseFile"/>; this class loads the case by replaying its log, applies the action, appends the
/// event to the hash chain and updates the row the ledger reads (<see cref="CaseRowProjection"/>) — all in one save,
/// so a refused or conflicting action leaves nothing behind. Registration is <see cref="CaseRegistration"/>, the
/// search for earlier cases <see cref="EarlierCaseFinder"/>.
/// </summary>
public sealed class CaseWorkflow
{
    private readonly FengqiaoDbContext db;
    private readonly CaseRules rules;
    private readonly IClock clock;
    private readonly EarlierCaseFinder earlier;
    private readonly CaseRegistration registration;

    public CaseWorkflow(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector, KnownReferences known, Text.CaseMatterIndex matters,
        TrackingNumberBlocks? numbers = null, RegistrationCommits? commits = null, IntakeLookups? lookups = null)
    {
        this.db = db;
        this.rules = rules;
        this.clock = clock;
        earlier = new EarlierCaseFinder(db, clock, protector, matters, lookups);
        registration = new CaseRegistration(db, rules, clock, protector, known, matters, earlier, numbers, commits, lookups);
    }

    /// <summary>A workflow over a context the caller made (a Blazor page's short-lived context), with the process's shared services.</summary>
    public static CaseWorkflow For(FengqiaoDbContext db, IServiceProvider services) => new(
        db,
        services.GetRequiredService<CaseRules>(),
        services.GetRequiredService<IClock>(),
        services.GetRequiredService<Security.PersonalDataProtector>(),
        services.GetRequiredService<KnownReferences>(),
        services.GetRequiredService<Text.CaseMatterIndex>(),
        services.GetService<TrackingNumberBlocks>(),
        services.GetService<RegistrationCommits>(),
        services.GetService<IntakeLookups>());

    /// <inheritdoc cref="CaseRegistration.RegisterAsync"/>
    public Task<IntakeResult> RegisterAsync(NewCase request, string actor, CancellationToken cancellationToken = default) =>
        registration.RegisterAsync(request, actor, cancellationToken);

    /// <inheritdoc cref="EarlierCaseFinder.PreviewAsync"/>
    public Task<IReadOnlyList<EarlierCase>> PreviewEarlierAsync(string? title, string? detail, string? categoryCode, IReadOnlyList<NewParty> parties, CancellationToken cancellationToken = default) =>
        earlier.PreviewAsync(title, detail, categoryCode, parties, cancellationToken);

    /// <summary>Loads a case in the caller's scope and rebuilds its lifecycle from the log.</summary>
    /// <summary>The units the case may be assigned to (交办), nearest first; null when the case is not in the viewer's scope.</summary>
    public async Task<IReadOnlyList<RoutingUnit>?> AssignableUnitsAsync(string trackingCode, CancellationToken cancellationToken = default) =>
        await LoadAsync(trackingCode, cancellationToken) is { } loaded ? await CaseRouting.AssignableAsync(db, loaded.Record, loaded.File, cancellationToken) : null;

    public async Task<(CaseRecord Record, CaseFile File)?> LoadAsync(string trackingCode, CancellationToken cancellationToken = default)
    {
        var record = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var events = await db.CaseEvents.Where(e => e.CaseId == record.Id).OrderBy(e => e.Sequence).AsNoTracking().ToListAsync(cancellationToken);
        return (record, rules.Replay(record.Id, CaseEventLog.Lifecycle(events)));
    }

    /// <summary>
    /// Applies one action to the version of the case the caller saw. Throws <see cref="CaseRuleException"/> when the
    /// lifecycle or the routing rule (<see cref="CaseRouting"/>) refuses it and <see cref="CaseConflictException"/> when someone acted first; returns null when the
    /// case is not in the caller's scope.
    /// </summary>
    public async Task<(CaseRecord Record, CaseFile File)?> ApplyAsync(string trackingCode, int expectedVersion, Func<Instant, CaseCommand> command, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(trackingCode, cancellationToken);
        if (loaded is not { } current)
        {
            return null;
        }
        if (current.File.Version != expectedVersion)
        {
            throw new CaseConflictException(trackingCode, expectedVersion, current.File.Version);
        }
        var built = command(DatedAt(current.File, clock.GetCurrentInstant()));
        var transition = current.File.Apply(built);
        // 交办 stays in the case's district (or goes up); sending it to another district is a transfer (转送).
        await CaseRouting.CheckAsync(db, current.Record, current.File, built, cancellationToken);
        CaseRowProjection.Apply(current.Record, transition.Case, transition.Event);
        await CaseEventLog.AppendAsync(db, current.Record.Id, transition.Event, cancellationToken);
        await Notices.ResidentNotices.QueueAsync(db, current.Record, transition.Event, transition.Case.Version, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another action took this sequence number (unique index) or changed the row (version token) first.
            db.ChangeTracker.Clear();
            var now = await db.Cases.AsNoTracking().Where(c => c.Id == current.Record.Id).Select(c => c.EventCount).FirstAsync(cancellationToken);
            throw new CaseConflictException(trackingCode, expectedVersion, now);
        }
        return (current.Record, transition.Case);
    }

    /// <summary>
    /// The instant an action taken now is dated: never before the case's last action, so a node whose clock lags a
    /// little does not have every action refused. Pages ask <see cref="CaseFile.Offers"/> at the same instant.
    /// </summary>
    public static Instant DatedAt(CaseFile file, Instant now)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Instant.Max(now, file.LastActionAt);
    }
}
