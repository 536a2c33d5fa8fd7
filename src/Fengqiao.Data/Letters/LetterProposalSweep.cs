using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Letters;
using Fengqiao.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Letters;

public sealed record ProposalRunResult(bool RanHere, int Examined, int Proposed);

/// <summary>
/// Applies the letter rules (stored, editable) to open cases and stores what they propose for a person to approve.
/// Under the "letter-proposals" lease; the unique (case, rule) key makes a second proposal impossible.
/// </summary>
public sealed class LetterProposalSweep(FengqiaoDbContext db) : ILeasedJob
{
    public static string LeaseName => "letter-proposals";

    public async Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken)
    {
        var r = await RunOnceAsync(node, now, cancellationToken);
        return r.RanHere && r.Proposed > 0 ? $"letter proposals: {r.Examined} cases examined, {r.Proposed} proposed" : null;
    }

    /// <summary>The stored rules, created from the defaults the first time they are asked for.</summary>
    public static async Task<List<LetterRuleRecord>> RulesAsync(FengqiaoDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.LetterRules.OrderBy(r => r.Code).ToListAsync(cancellationToken);
        if (rules.Count > 0)
        {
            return rules;
        }
        foreach (var rule in LetterRule.Defaults)
        {
            db.LetterRules.Add(new LetterRuleRecord { Code = rule.Code, Name = rule.Name, Trigger = rule.Trigger, Proposes = rule.Proposes, Threshold = rule.Threshold, PeriodDays = rule.PeriodDays, Enabled = rule.Enabled });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another node stored them first
        }
        return await db.LetterRules.OrderBy(r => r.Code).ToListAsync(cancellationToken);
    }

    public async Task<ProposalRunResult> RunOnceAsync(string node, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await Leases.TryAcquireAsync(db, LeaseName, node, now, cancellationToken))
        {
            return new ProposalRunResult(false, 0, 0);
        }
        var rules = (await RulesAsync(db, cancellationToken)).Select(r => r.ToRule()).Where(r => r.Enabled).ToList();
        if (rules.Count == 0)
        {
            return new ProposalRunResult(true, 0, 0);
        }
        var longest = Duration.FromDays(rules.Select(r => r.PeriodDays).DefaultIfEmpty(0).Max());
        // GroupSize >= MinPeople is CollectivePetition.Is in SQL: only cases some rule may propose for are read.
        var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.State != CaseState.Closed && ((c.DueAt != null && c.DueAt <= now) || c.GroupSize >= CollectivePetition.MinPeople || c.Rating == CaseRating.Unsatisfied))
            .Select(c => new { c.Id, c.TrackingCode, c.HandlingUnitId, c.DueAt, c.GroupSize })
            .Take(2000).ToListAsync(cancellationToken);
        if (cases.Count == 0)
        {
            return new ProposalRunResult(true, 0, 0);
        }
        var ids = cases.Select(c => c.Id).ToList();
        var proposed = (await db.LetterProposals.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.CaseId))
            .Select(p => new { p.CaseId, p.RuleCode }).ToListAsync(cancellationToken))
            .Select(p => new LetterProposalKey(p.CaseId, p.RuleCode)).ToHashSet();
        // Each resident rating of "unsatisfied" is a case.rated event; a re-rated case counts every time.
        var unsatisfied = await db.CaseEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && e.Kind == "case.rated" && e.Data.Contains("\"Unsatisfied\""))
            .GroupBy(e => e.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // When each unit's cases fell due unanswered, within the longest rule window: the repeated-overdue rule counts them.
        var since = now - longest;
        var units = cases.Where(c => c.HandlingUnitId != null).Select(c => c.HandlingUnitId!.Value).Distinct().ToList();
        var overdues = (await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.HandlingUnitId != null && units.Contains(c.HandlingUnitId.Value) && c.DueAt != null && c.DueAt > since && c.DueAt <= now && c.State != CaseState.Closed)
            .Select(c => new { Unit = c.HandlingUnitId!.Value, Due = c.DueAt!.Value }).ToListAsync(cancellationToken))
            .ToLookup(o => o.Unit, o => o.Due);
        var added = 0;
        foreach (var c in cases)
        {
            var facts = new LetterCaseFacts(c.Id, c.TrackingCode, c.HandlingUnitId, c.DueAt is { } due && due <= now, CollectivePetition.Is(c.GroupSize),
                unsatisfied.GetValueOrDefault(c.Id), c.HandlingUnitId is { } u ? [.. overdues[u]] : []);
            foreach (var p in LetterProposals.Evaluate(rules, facts, now, proposed))
            {
                db.LetterProposals.Add(new LetterProposalRecord
                {
                    Id = Guid.CreateVersion7(),
                    CaseId = p.CaseId,
                    CaseCode = p.CaseCode,
                    RuleCode = p.RuleCode,
                    RuleName = p.RuleName,
                    Type = p.Type,
                    RecipientUnitId = p.Recipient,
                    Why = p.Why,
                    ProposedAt = now,
                    State = ProposalState.Pending,
                });
                proposed.Add(p.Key);
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ProposalRunResult(true, cases.Count, added);
    }
}
