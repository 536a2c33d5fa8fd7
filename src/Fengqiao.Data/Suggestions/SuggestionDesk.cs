using System.Security.Cryptography;
using Fengqiao.Core.Suggestions;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Portal;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Suggestions;

/// <summary>A refused submission, with the messages by field ("中文 (English)").</summary>
public sealed class SuggestionValidationException(IReadOnlyDictionary<string, string[]> errors) : Exception("建议内容有误 (the suggestion has errors)")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>An answer that does not fit the suggestion or lacks its text; the message is "中文 (English)".</summary>
public sealed class SuggestionRuleException(string message) : Exception(message);

/// <summary>Someone answered the suggestion first: the caller's version is stale.</summary>
public sealed class SuggestionConflictException() : Exception("该建议已被他人办理，请刷新后重试 (someone answered the suggestion first; reload and try again)");

/// <summary>A suggestion as the public list shows it: no contact, no receipt code.</summary>
public sealed record PublicSuggestion(string Title, string Text, SuggesterKind Kind, string Town, SuggestionState State, Instant ReceivedAt,
    string? Reply, Instant? AnsweredAt, string? Outcome);

/// <summary>A suggestion as staff list it, with the town's name and what may be done next.</summary>
public sealed record SuggestionSummary(SuggestionRecord Record, string Town, IReadOnlyList<SuggestionAction> Offers);

/// <summary>
/// The public side of 人民建议征集: a resident or firm sends a suggestion without an account and gets a receipt code; anyone
/// reads the answered ones and the monthly counts. It reads and writes through a context acting as the system, for
/// these acts only, like <see cref="CodeHolderDesk"/>; the contact is sealed like every phone and never read here.
/// </summary>
public sealed class PublicSuggestions(DatabaseSettings settings, IClock clock, Security.PersonalDataProtector protector)
{
    public static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private FengqiaoDbContext Open() => settings.CreateContext(new SystemAccessScopeProvider());

    /// <summary>Receives a suggestion; every check runs before the save, so a refused one leaves no row.</summary>
    public async Task<SuggestionRecord> SubmitAsync(SuggestionDraft draft, CancellationToken ct = default)
    {
        var errors = SuggestionRules.Validate(draft).ToDictionary();
        await using var db = Open();
        if (!errors.ContainsKey("TownCode") && !(await new PublicPlaces(db).DistrictsAsync(ct)).Any(d => d.Towns.Any(t => t.Code == draft.TownCode)))
        {
            errors["TownCode"] = ["请选择建议涉及的乡镇（街道） (choose the town)"];
        }
        if (errors.Count > 0)
        {
            throw new SuggestionValidationException(errors);
        }
        var contact = string.IsNullOrWhiteSpace(draft.Contact) ? null : draft.Contact.Trim();
        if (contact is not null)
        {
            await protector.EnsureReadyAsync(ct);
        }
        var record = new SuggestionRecord
        {
            ReceiptCode = NewReceiptCode(),
            Kind = draft.Kind,
            Title = draft.Title!.Trim(),
            Text = draft.Text!.Trim(),
            ContactCipher = contact is null ? null : protector.Protect(contact),
            ContactMasked = contact is null ? null : Mask(contact),
            TownCode = draft.TownCode!,
            State = SuggestionState.Received,
            ReceivedAt = clock.GetCurrentInstant(),
        };
        db.Suggestions.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The answered suggestions, newest answer first, without contact or receipt code.</summary>
    public async Task<IReadOnlyList<PublicSuggestion>> AnsweredAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = Open();
        var rows = await db.Suggestions.AsNoTracking().Where(s => s.State != SuggestionState.Received)
            .OrderByDescending(s => s.AnsweredAt).Take(take)
            .Select(s => new { s.Title, s.Text, s.Kind, s.TownCode, s.State, s.ReceivedAt, s.Reply, s.AnsweredAt, s.Outcome })
            .ToListAsync(ct);
        var names = await TownNamesAsync(db, rows.Select(r => r.TownCode), ct);
        return [.. rows.Select(r => new PublicSuggestion(r.Title, r.Text, r.Kind, names.GetValueOrDefault(r.TownCode, r.TownCode), r.State, r.ReceivedAt,
            r.Reply, r.AnsweredAt, r.Outcome))];
    }

    /// <summary>Received, answered and adopted per Beijing month, newest first.</summary>
    public async Task<IReadOnlyList<SuggestionMonth>> MonthsAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        return await SuggestionDesk.MonthsOf(db.Suggestions, ct);
    }

    internal static async Task<Dictionary<string, string>> TownNamesAsync(FengqiaoDbContext db, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        return await db.Divisions.AsNoTracking().Where(d => wanted.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    // JY + 10 characters without the ones read alike (0/O, 1/I): short enough to copy from a phone.
    private static string NewReceiptCode()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        return "JY" + RandomNumberGenerator.GetString(alphabet, 10);
    }

    internal static string Mask(string contact) =>
        Core.Cases.Intake.PhoneNumber.TryParse(contact, out _, out _) ? Core.People.PersonalDataMask.Phone(contact) : Core.People.PersonalDataMask.Name(contact);
}

/// <summary>
/// Staff's side of 人民建议征集: the suggestions of the caller's area (the query filter's scope), answered publicly,
/// adopted with what was done or declined with the reason, each only when Core's <see cref="SuggestionRules"/> allow.
/// Who may answer at all is the <c>AnswerSuggestion</c> act's policy.
/// </summary>
public sealed class SuggestionDesk(FengqiaoDbContext db, IClock clock)
{
    public async Task<IReadOnlyList<SuggestionSummary>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.Suggestions.AsNoTracking().OrderBy(s => s.State).ThenByDescending(s => s.ReceivedAt).Take(500).ToListAsync(ct);
        var names = await PublicSuggestions.TownNamesAsync(db, rows.Select(r => r.TownCode), ct);
        return [.. rows.Select(r => new SuggestionSummary(r, names.GetValueOrDefault(r.TownCode, r.TownCode), SuggestionRules.Offers(r.State)))];
    }

    /// <summary>One suggestion in the caller's scope, or null (outside the scope looks like missing).</summary>
    public async Task<SuggestionSummary?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var r = await db.Suggestions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var names = await PublicSuggestions.TownNamesAsync(db, [r.TownCode], ct);
        return new SuggestionSummary(r, names.GetValueOrDefault(r.TownCode, r.TownCode), SuggestionRules.Offers(r.State));
    }

    public Task<IReadOnlyList<SuggestionMonth>> MonthsAsync(CancellationToken ct = default) => MonthsOf(db.Suggestions, ct);

    /// <summary>
    /// Answers a suggestion: a public reply, an adoption (reply and what was done) or a decline (the reason as the reply).
    /// Null when the suggestion is not in the caller's scope.
    /// </summary>
    public async Task<SuggestionRecord?> AnswerAsync(Guid id, int expectedVersion, SuggestionAction action, string? reply, string? outcome, string actor,
        CancellationToken ct = default)
    {
        var record = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        if (record.Version != expectedVersion)
        {
            throw new SuggestionConflictException();
        }
        if (SuggestionRules.Refusal(record.State, action) is { } refusal)
        {
            throw new SuggestionRuleException(refusal);
        }
        if (SuggestionRules.AnswerError(action, reply, outcome) is { } error)
        {
            throw new SuggestionRuleException(error);
        }
        var now = clock.GetCurrentInstant();
        record.Reply = reply!.Trim();
        record.AnsweredAt ??= now;
        record.AnsweredBy = actor;
        if (action != SuggestionAction.Reply)
        {
            record.DecidedAt = now;
            record.Outcome = action == SuggestionAction.Adopt ? outcome!.Trim() : null;
        }
        record.State = SuggestionRules.After(action);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new SuggestionConflictException();
        }
        return record;
    }

    internal static async Task<IReadOnlyList<SuggestionMonth>> MonthsOf(IQueryable<SuggestionRecord> suggestions, CancellationToken ct)
    {
        var rows = await suggestions.AsNoTracking().Select(s => new { s.ReceivedAt, s.AnsweredAt, s.State, s.DecidedAt }).ToListAsync(ct);
        return SuggestionCounts.PerMonth(rows.Select(r => (r.ReceivedAt, r.AnsweredAt, r.State == SuggestionState.Adopted, r.DecidedAt)), PublicSuggestions.Beijing);
    }
}
