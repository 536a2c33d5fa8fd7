using Fengqiao.Core.Letters;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Letters;

public enum LetterRuleSaveOutcome
{
    Saved,
    NotFound,
    // Changed by someone else since the editor loaded it: refused, never silently overwritten.
    Conflict,
}

/// <summary>The letter-proposal rules (督办函建议规则) as administrators read and edit them, from the page or the API alike.</summary>
public sealed class LetterRuleBook(FengqiaoDbContext db)
{
    public async Task<IReadOnlyList<LetterRuleRecord>> ListAsync(CancellationToken ct = default) => await LetterProposalSweep.RulesAsync(db, ct);

    /// <summary>Stores a rule Core has validated, if the stored one is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<(LetterRuleSaveOutcome Outcome, LetterRuleRecord? Saved)> SaveAsync(LetterRule rule, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var row = (await LetterProposalSweep.RulesAsync(db, ct)).FirstOrDefault(r => r.Code == rule.Code);
        if (row is null)
        {
            return (LetterRuleSaveOutcome.NotFound, null);
        }
        if (row.Version != expectedVersion)
        {
            return (LetterRuleSaveOutcome.Conflict, null);
        }
        (row.Name, row.Trigger, row.Proposes, row.Threshold, row.PeriodDays, row.Enabled) = (rule.Name, rule.Trigger, rule.Proposes, rule.Threshold, rule.PeriodDays, rule.Enabled);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (LetterRuleSaveOutcome.Conflict, null);
        }
        return (LetterRuleSaveOutcome.Saved, row);
    }
}
