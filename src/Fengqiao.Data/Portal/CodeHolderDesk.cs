using System.Security.Cryptography;
using System.Text;
using Fengqiao.Core.Cases;
using Fengqiao.Core.People;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Portal;

/// <summary>One step of a case as the code holder sees it: what happened and when, not who did it.</summary>
/// <summary>One step the resident sees (<see cref="ResidentTimeline"/>); <paramref name="Kind"/> names the action where it is one.</summary>
public sealed record CodeHolderStep(ResidentStep Step, string Kind, Instant At);

/// <summary>The public view of one case: its row and lifecycle, the steps, the handling unit, the masked petitioner and how many photos it holds.</summary>
public sealed record CodeHolderView(CaseRecord Case, CaseFile File, IReadOnlyList<CodeHolderStep> Steps, string? HandlingUnit, string? Petitioner, int Photos);

/// <summary>How a code holder's act ended: <see cref="Taken"/> false when the lifecycle refused it (already rated, too late, moved on).</summary>
public sealed record CodeHolderAct(string TrackingCode, bool Taken);

/// <summary>
/// The code holder (持码人): whoever holds a case's tracking code and query code together may read that one case's
/// public view and rate its reply (评价) or ask for a review (复查), without an account. The two codes are the proof, so
/// this desk works past the caller's scope (an anonymous caller sees nothing), on a context of its own acting as the
/// system, and only ever for the one case the codes name. The tracking page and the public form posts both use it.
/// </summary>
public sealed class CodeHolderDesk(DatabaseSettings settings, CaseRules rules, IServiceProvider services)
{
    private FengqiaoDbContext Open() => settings.CreateContext(new SystemAccessScopeProvider());

    /// <summary>The case the codes name, or null when they name none (a tracking code alone reveals nothing).</summary>
    public async Task<CodeHolderView?> ViewAsync(string? trackingCode, string? queryCode, CancellationToken ct = default)
    {
        await using var db = Open();
        if (await FindAsync(db, trackingCode, queryCode, ct) is not { } found)
        {
            return null;
        }
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var file = rules.Replay(found.Id, CaseEventLog.Lifecycle(events));
        var unit = found.HandlingUnitId is { } u ? await db.Units.AsNoTracking().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        // Masked even for the code holder: enough to recognise one's own case, nothing for someone who guessed the codes.
        var party = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == found.Id).Select(p => new { p.Name, p.PhoneMasked }).FirstOrDefaultAsync(ct);
        var petitioner = party is null ? null : PersonalDataMask.Name(party.Name) + (party.PhoneMasked is { } phone ? " · " + phone : "");
        var photos = await db.CaseAttachments.CountAsync(a => a.CaseId == found.Id, ct);
        return new CodeHolderView(found, file, [.. events.Select(e => (Step: ResidentTimeline.Of(e.Kind), e.Kind, e.At)).Where(e => e.Step is not null).Select(e => new CodeHolderStep(e.Step!.Value, e.Kind, e.At))], unit, petitioner, photos);
    }

    /// <summary>Rates the reply (评价) on the version the resident saw; null when the codes name no case.</summary>
    public Task<CodeHolderAct?> RateAsync(string? trackingCode, string? queryCode, int expectedVersion, CaseRating rating, CancellationToken ct = default) =>
        ActAsync(trackingCode, queryCode, expectedVersion, (_, _) => Task.FromResult<Func<Instant, CaseCommand>>(at => new RateCase(at, "resident", rating)), ct);

    /// <summary>Asks for a review (复查) on the version the resident saw; null when the codes name no case.</summary>
    public Task<CodeHolderAct?> RequestReviewAsync(string? trackingCode, string? queryCode, int expectedVersion, string grounds, CancellationToken ct = default) =>
        ActAsync(trackingCode, queryCode, expectedVersion, async (db, found) =>
        {
            var reviewer = await ReviewingUnitAsync(db, found, ct);
            return at => new RequestReview(at, "resident", reviewer, grounds.Trim());
        }, ct);

    private async Task<CodeHolderAct?> ActAsync(string? trackingCode, string? queryCode, int expectedVersion,
        Func<FengqiaoDbContext, CaseRecord, Task<Func<Instant, CaseCommand>>> command, CancellationToken ct)
    {
        await using var db = Open();
        if (await FindAsync(db, trackingCode, queryCode, ct) is not { } found)
        {
            return null;
        }
        var act = await command(db, found);
        try
        {
            await CaseWorkflow.For(db, services).ApplyAsync(found.TrackingCode, expectedVersion, act, ct);
            return new CodeHolderAct(found.TrackingCode, Taken: true);
        }
        catch (Exception ex) when (ex is CaseRuleException or CaseConflictException)
        {
            return new CodeHolderAct(found.TrackingCode, Taken: false);
        }
    }

    /// <summary>The case with both codes; compared in constant time so response timing does not leak how much of a guessed code was right.</summary>
    internal static async Task<CaseRecord?> FindAsync(FengqiaoDbContext db, string? trackingCode, string? queryCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(trackingCode) || string.IsNullOrWhiteSpace(queryCode) || trackingCode.Length > 32 || queryCode.Length > 16)
        {
            return null;
        }
        var code = trackingCode.Trim().ToUpperInvariant();
        var record = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == code, ct);
        return record is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(record.QueryCode), Encoding.UTF8.GetBytes(queryCode.Trim().ToUpperInvariant()))
            ? record
            : null;
    }

    /// <summary>A review (复查) goes to the body above the one that handled the case; failing that, to the unit that registered it.</summary>
    private static async Task<Guid> ReviewingUnitAsync(FengqiaoDbContext db, CaseRecord found, CancellationToken ct)
    {
        if (found.HandlingUnitId is { } handler
            && await db.Units.Where(u => u.Id == handler).Select(u => u.ParentUnitId).FirstOrDefaultAsync(ct) is { } parent)
        {
            return parent;
        }
        return found.RegisteringUnitId;
    }
}
