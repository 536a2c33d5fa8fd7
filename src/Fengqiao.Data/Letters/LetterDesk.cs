using Fengqiao.Core.Audit;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Letters;

/// <summary>What a drafter submits; risk and reason fill the risk-alert and accountability templates.</summary>
public sealed record DraftRequest(LetterType Type, Guid RecipientUnitId, string? Risk = null, string? Reason = null, Guid? ProposalId = null);

public sealed class LetterConflictException(int expected, int actual)
    : Exception($"函件已被他人更新（第 {actual} 版，您基于第 {expected} 版），请刷新后重试 (the letter changed since you loaded it: version {actual}, you acted on {expected}; reload and retry)")
{
    public int Actual { get; } = actual;
}

/// <summary>
/// Drafts, approves, issues and tracks supervision letters. Core's <see cref="Letter"/> holds the rules; the desk
/// rebuilds it from the stored row and log, applies the action, logs it and projects it, in one save. Issuing takes
/// the next number of the issuer's (type, year) sequence in the same transaction.
/// </summary>
public sealed partial class LetterDesk(FengqiaoDbContext db, CaseRules rules, IClock clock)
{
    /// <summary>
    /// The tracking code of a letter's case, read past the case filter: the recipient unit sees the letter (and the code
    /// it cites) without seeing the case.
    /// </summary>
    public Task<string> CaseCodeAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => c.TrackingCode).FirstAsync(cancellationToken);

    private const int IssueAttempts = 8;

    public DeadlineCalculator Calculator => rules.Calculator;

    public async Task<(LetterRecord Record, Letter Letter)?> DraftAsync(string trackingCode, DraftRequest request, Guid issuingUnitId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (@case is null)
        {
            return null;
        }
        var issuer = await db.Units.FirstOrDefaultAsync(u => u.Id == issuingUnitId, cancellationToken);
        var recipient = await db.Units.FirstOrDefaultAsync(u => u.Id == request.RecipientUnitId, cancellationToken)
            ?? throw new LetterRuleException("主送单位不存在 (no such recipient unit)");
        if (issuer?.DocumentPrefix is not { } prefix)
        {
            throw new LetterRuleException("本单位没有机关代字，不能发函 (your unit has no document prefix and cannot issue letters)");
        }
        LetterProposalRecord? proposal = null;
        if (request.ProposalId is { } pid)
        {
            proposal = await db.LetterProposals.FirstOrDefaultAsync(p => p.Id == pid && p.CaseId == @case.Id, cancellationToken)
                ?? throw new LetterRuleException("函件建议不存在 (no such proposal on this case)");
            if (proposal.State != ProposalState.Pending)
            {
                throw new LetterRuleException("该建议已处理 (the proposal has already been decided)");
            }
        }
        var now = clock.GetCurrentInstant();
        var template = LetterTemplate.Defaults.Single(t => t.Type == request.Type);
        var replyBy = rules.Calculator.Compute(now, Letter.DefaultReplyPeriod, rollsToWorkingDay: true).DueDate;
        var reason = Blank(request.Reason);
        if (request.Type == LetterType.AccountabilitySuggestion && reason is null)
        {
            reason = proposal?.Why ?? await WhistleFailureAsync(@case.Id, recipient.Id, cancellationToken)
                ?? throw new LetterRuleException("问责建议函须写明问责事由 (an accountability suggestion needs a reason)");
        }
        var facts = new LetterFacts(@case.TrackingCode, @case.Title, rules.Calculator.LocalDateOf(@case.RegisteredAt), recipient.Name, issuer.Name, replyBy,
            Blank(request.Risk) ?? (request.Type == LetterType.RiskAlert ? proposal?.Why ?? "矛盾激化的风险" : null),
            request.Type == LetterType.RiskAlert ? null : reason,
            await StandingAsync(@case, recipient.Id, now, cancellationToken));
        var transition = Letter.Draft(new DraftLetter(Guid.CreateVersion7(), @case.Id, template, facts, issuer.Id, prefix, recipient.Id, now, actor));
        var letter = transition.Letter;
        var record = new LetterRecord
        {
            Id = letter.Id,
            CaseId = @case.Id,
            Type = letter.Type,
            IssuingUnitId = issuer.Id,
            IssuerPrefix = prefix,
            RecipientUnitId = recipient.Id,
            Title = letter.Content.Title,
            RecipientName = letter.Content.RecipientName,
            Salutation = letter.Content.Salutation,
            Body = string.Join('\n', letter.Content.Paragraphs),
            SignatureUnit = letter.Content.SignatureUnit,
            DraftedAt = now,
            DraftedBy = actor,
            ProposalId = proposal?.Id,
        };
        Project(record, letter);
        db.Letters.Add(record);
        if (proposal is not null)
        {
            proposal.State = ProposalState.Accepted;
            proposal.DecidedAt = now;
            proposal.DecidedBy = actor;
            proposal.LetterId = letter.Id;
        }
        Append(record.Id, 0, EventChain.Genesis, transition.Event);
        await db.SaveChangesAsync(cancellationToken);
        return (record, letter);
    }

    public async Task<(LetterRecord Record, Letter Letter)?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var record = await db.Letters.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return record is null ? null : (record, await RehydrateAsync(db, record, rules.Calculator, cancellationToken));
    }

    /// <summary>
    /// Takes one action as <paramref name="actor"/> on the version of the letter they saw, refusing exactly what
    /// <see cref="Letter.Offers"/> does not offer them: whether they sign for the issuing unit, then the letter's own rules.
    /// </summary>
    public async Task<(LetterRecord Record, Letter Letter)?> TakeAsync(Guid id, int? expectedVersion, LetterAction action, LetterActor actor, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not { } current)
        {
            return null;
        }
        if (expectedVersion is { } expected && expected != current.Letter.Version)
        {
            throw new LetterConflictException(expected, current.Letter.Version);
        }
        if (current.Letter.Refusal(action, actor, DatedAt(current.Letter)) is { } refused)
        {
            throw refused;
        }
        var unit = actor.Unit ?? Guid.Empty;
        return action switch
        {
            LetterAction.Approve => await ApproveAsync(id, expectedVersion, actor.Name, cancellationToken),
            LetterAction.Issue => await IssueAsync(id, expectedVersion, actor.Name, cancellationToken),
            LetterAction.Acknowledge => await AcknowledgeAsync(id, expectedVersion, unit, actor.Name, cancellationToken),
            _ => await ReplyAsync(id, expectedVersion, unit, actor.Name, text, cancellationToken),
        };
    }

    /// <summary>What <paramref name="actor"/> may do now to each of the letters named that they may see (a list's rows).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<LetterAction>>> OffersAsync(IReadOnlyCollection<Guid> ids, LetterActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(actor);
        var records = await db.Letters.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        var visible = records.Select(r => r.Id).ToList();
        // The logs of exactly the letters the scoped query returned (the filter follows the letter; see RehydrateAsync).
        var logs = (await db.LetterEvents.IgnoreQueryFilters().AsNoTracking().Where(e => visible.Contains(e.LetterId)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
            .ToLookup(e => e.LetterId);
        var corrected = await ReferencesAsync(db, [.. records.Select(r => r.CorrectsLetterId).OfType<Guid>().Distinct()], cancellationToken);
        return records.ToDictionary(r => r.Id, r =>
        {
            var letter = Letter.Rehydrate(Head(r, r.CorrectsLetterId is { } old ? corrected.GetValueOrDefault(old) : null),
                logs[r.Id].Select(e => LetterEvent.FromLink(((Audit.IChainedLogEntry)e).Link)), rules.Calculator);
            return letter.Offers(actor, DatedAt(letter));
        });
    }

    /// <summary>The instant an action taken now is dated: never before the letter's last action.</summary>
    public Instant DatedAt(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return Instant.Max(clock.GetCurrentInstant(), letter.LastActionAt);
    }

    public Task<(LetterRecord Record, Letter Letter)?> ApproveAsync(Guid id, int? expectedVersion, string actor, CancellationToken cancellationToken = default) =>
        ApplyAsync(id, expectedVersion, (l, at) => l.Approve(at, actor), cancellationToken);

    public Task<(LetterRecord Record, Letter Letter)?> AcknowledgeAsync(Guid id, int? expectedVersion, Guid unit, string actor, CancellationToken cancellationToken = default) =>
        ApplyAsync(id, expectedVersion, (l, at) => l.Acknowledge(unit, at, actor), cancellationToken);

    public Task<(LetterRecord Record, Letter Letter)?> ReplyAsync(Guid id, int? expectedVersion, Guid unit, string actor, string? text, CancellationToken cancellationToken = default) =>
        ApplyAsync(id, expectedVersion, (l, at) => l.Reply(unit, at, actor, text ?? ""), cancellationToken);

    /// <summary>
    /// Issues (印发) with the next number of the issuer's sequence for the letter's type and the year of issue. The
    /// sequence row and the letter are saved together; if another node took the number first, the version check
    /// fails, nothing is saved, and the desk tries again with a fresh read.
    /// </summary>
    public async Task<(LetterRecord Record, Letter Letter)?> IssueAsync(Guid id, int? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await LoadAsync(id, cancellationToken);
            if (loaded is not { } current)
            {
                return null;
            }
            if (expectedVersion is { } expected && expected != current.Letter.Version)
            {
                throw new LetterConflictException(expected, current.Letter.Version);
            }
            var now = DatedAt(current.Letter);
            var year = rules.Calculator.LocalDateOf(now).Year;
            var record = current.Record;
            var sequence = await db.LetterNumberSequences.FirstOrDefaultAsync(
                s => s.IssuingUnitId == record.IssuingUnitId && s.Type == record.Type && s.Year == year, cancellationToken);
            if (sequence is null)
            {
                sequence = new LetterNumberSequence { IssuingUnitId = record.IssuingUnitId, Type = record.Type, Year = year, IssuerPrefix = record.IssuerPrefix };
                db.LetterNumberSequences.Add(sequence);
            }
            var (number, advanced) = DocumentNumberSequence.Resume(record.IssuerPrefix, record.Type, year, sequence.Last).Next();
            var transition = current.Letter.Issue(number, rules.Calculator, now, actor);
            sequence.Last = advanced.Last;
            try
            {
                await SaveTransitionAsync(record, transition, cancellationToken);
                return (record, transition.Letter);
            }
            catch (DbUpdateException) when (attempt < IssueAttempts)
            {
                // Lost the race for the number (or the letter): start again from what the database now holds.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(LetterRecord Record, Letter Letter)?> ApplyAsync(Guid id, int? expectedVersion, Func<Letter, Instant, LetterTransition> action, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is not { } current)
        {
            return null;
        }
        if (expectedVersion is { } expected && expected != current.Letter.Version)
        {
            throw new LetterConflictException(expected, current.Letter.Version);
        }
        var transition = action(current.Letter, DatedAt(current.Letter));
        try
        {
            await SaveTransitionAsync(current.Record, transition, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var actual = await db.LetterEvents.IgnoreQueryFilters().CountAsync(e => e.LetterId == id, cancellationToken);
            throw new LetterConflictException(current.Letter.Version, actual);
        }
        return (current.Record, transition.Letter);
    }

    private async Task SaveTransitionAsync(LetterRecord record, LetterTransition transition, CancellationToken cancellationToken)
    {
        Project(record, transition.Letter);
        var last = await db.LetterEvents.IgnoreQueryFilters().Where(e => e.LetterId == record.Id).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstAsync(cancellationToken);
        Append(record.Id, last.Sequence, last.Hash, transition.Event);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Project(LetterRecord record, Letter letter)
    {
        record.State = letter.State;
        record.Number = letter.Number?.ToString();
        record.IssuedAt = letter.IssuedAt;
        record.ReplyDueAt = letter.ReplyDeadline?.Due;
        record.RepliedAt = letter.RepliedAt;
        record.EventCount = letter.Version;
    }

    private void Append(Guid letterId, int lastSequence, string lastHash, LetterEvent @event)
    {
        var link = @event.ToLink(letterId, lastSequence + 1);
        db.LetterEvents.Add(new LetterLogEntry
        {
            LetterId = letterId,
            Sequence = link.Sequence,
            Kind = link.Kind,
            Actor = link.Actor,
            At = Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds),
            Data = link.Data,
            PreviousHash = lastHash,
            Hash = EventChain.Hash(lastHash, link),
        });
    }

    internal static async Task<Letter> RehydrateAsync(FengqiaoDbContext db, LetterRecord record, DeadlineCalculator calculator, CancellationToken cancellationToken)
    {
        var events = await db.LetterEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.LetterId == record.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        LetterReference? corrects = null;
        if (record.CorrectsLetterId is { } old)
        {
            corrects = (await ReferencesAsync(db, [old], cancellationToken))[old];
        }
        return Letter.Rehydrate(Head(record, corrects), events.Select(e => LetterEvent.FromLink(((Audit.IChainedLogEntry)e).Link)), calculator);
    }

    private static LetterHead Head(LetterRecord record, LetterReference? corrects) =>
        new(record.Id, record.CaseId, record.Type, record.IssuingUnitId, record.IssuerPrefix, record.RecipientUnitId,
            new LetterContent(record.Title, record.RecipientName, record.Salutation, [.. record.Body.Split('\n')], record.SignatureUnit), corrects);

    /// <summary>How issued letters are cited (evidence packs, corrections), read past the scope filter: a citation is a fact.</summary>
    public static async Task<IReadOnlyDictionary<Guid, LetterReference>> ReferencesAsync(FengqiaoDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, LetterReference>();
        }
        var rows = await db.Letters.IgnoreQueryFilters().AsNoTracking().Where(l => ids.Contains(l.Id) && l.Number != null && l.IssuedAt != null)
            .Select(l => new { l.Id, l.Number, l.Title, l.IssuedAt }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new LetterReference(r.Id, DocumentNumber.Parse(r.Number!), r.Title, r.IssuedAt!.Value));
    }

    /// <summary>
    /// The accountability reason the record already gives when the recipient failed a whistle on this case: it was
    /// flagged (refused, or a step badly late), and the whistle rose to the level named. Null when it did not.
    /// </summary>
    private async Task<string?> WhistleFailureAsync(Guid caseId, Guid recipient, CancellationToken cancellationToken)
    {
        var failed = await db.WhistleSummonses.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CaseId == caseId && s.DepartmentId == recipient && s.Flagged)
            .Join(db.Whistles.IgnoreQueryFilters(), s => s.WhistleId, w => w.Id, (s, w) => new { s.Status, w.Level, w.InitialLevel, w.BlownAt })
            .OrderByDescending(x => x.BlownAt).FirstOrDefaultAsync(cancellationToken);
        if (failed is null)
        {
            return null;
        }
        var what = failed.Status == Core.Whistles.SummonsStatus.Refused ? "拒绝报到" : "未在时限内报到、处置或反馈";
        return failed.Level == failed.InitialLevel
            ? $"你单位被吹哨召集后{what}"
            : $"你单位被吹哨召集后{what}，吹哨已逐级升级至{Core.Whistles.WhistleNames.Chinese(failed.Level)}";
    }

    /// <summary>
    /// Where the case stands with the recipient, from its record: the last 交办 (or reopening) to the recipient while it still
    /// handles the case, the running time limit, and whether that has passed now.
    /// </summary>
    private async Task<CaseStanding> StandingAsync(CaseRecord @case, Guid recipient, Instant now, CancellationToken cancellationToken)
    {
        LocalDate? assignedOn = null;
        if (@case.HandlingUnitId == recipient)
        {
            string[] kinds = [CaseEventKinds.For(CaseAction.Assign), CaseEventKinds.For(CaseAction.Reopen)];
            var assignments = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == @case.Id && kinds.Contains(e.Kind))
                .OrderByDescending(e => e.Sequence).Select(e => new { e.At, e.Data }).ToListAsync(cancellationToken);
            var to = recipient.ToString("D");
            var last = assignments.FirstOrDefault(e => HandlingUnitOf(e.Data) == to);
            assignedOn = last is null ? null : rules.Calculator.LocalDateOf(last.At);
        }
        var open = @case.State != CaseState.Closed;
        var due = open && @case.DueAt is { } d ? rules.Calculator.LocalDateOf(d) : (LocalDate?)null;
        return new CaseStanding(assignedOn, due, open && @case.DueAt is { } at && at < now);
    }

    private static string? HandlingUnitOf(string data)
    {
        using var json = System.Text.Json.JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("handlingUnit", out var unit) && unit.ValueKind == System.Text.Json.JsonValueKind.String ? unit.GetString() : null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
