using Fengqiao.Core.Letters;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Letters;

/// <summary>A letter as a Word file and the name to save it under.</summary>
public sealed record LetterWordFile(byte[] Bytes, string FileName);

/// <summary>A rule's proposal waiting for a person (建议待处理).</summary>
public sealed record PendingProposal(Guid Id, Guid CaseId, string CaseCode, string RuleCode, string RuleName, LetterType Type, Guid? RecipientUnitId, string Why,
    Instant ProposedAt, ProposalState State, Guid? LetterId);

/// <summary>
/// The lists, the Word file and the proposals, each read through the scope filter (the viewer's cases and the letters
/// their unit issued or received). The letters page and the API both act here, so "dismiss a proposal" is written once.
/// </summary>
public sealed partial class LetterDesk
{
    /// <summary>The letters the viewer may open, newest first; <paramref name="unit"/> keeps those it issued or received.</summary>
    public Task<IReadOnlyList<LetterListItem>> ListAsync(LetterState? state, LetterType? type, Guid? unit, CancellationToken cancellationToken = default) =>
        LetterList.QueryAsync(db, state, type, unit, null, cancellationToken);

    /// <summary>The letters on a case the viewer may see; null when the case is not in the viewer's scope.</summary>
    public async Task<IReadOnlyList<LetterListItem>?> ForCaseAsync(string trackingCode, CancellationToken cancellationToken = default)
    {
        var caseId = await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return caseId is null ? null : await LetterList.QueryAsync(db, null, null, null, caseId, cancellationToken);
    }

    /// <summary>The letter in the official layout (a draft marked 征求意见稿); null when the viewer may not open it.</summary>
    public async Task<LetterWordFile?> WordFileAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await LoadAsync(id, cancellationToken) is not { } l)
        {
            return null;
        }
        var issuer = await db.Units.Where(u => u.Id == l.Record.IssuingUnitId).Select(u => u.Name).FirstAsync(cancellationToken);
        var caseCode = await CaseCodeAsync(l.Record.CaseId, cancellationToken);
        return new LetterWordFile(OfficialDocx.Letter(l.Letter.ToDocument(), issuer),
            LetterTypes.FileName(l.Letter.Type, l.Letter.Number, caseCode, l.Letter.Content.RecipientName));
    }

    /// <summary>The proposals on the viewer's cases still waiting for a person, newest first.</summary>
    public async Task<IReadOnlyList<PendingProposal>> PendingProposalsAsync(int take, CancellationToken cancellationToken = default) =>
        await db.LetterProposals.AsNoTracking().Where(p => p.State == ProposalState.Pending).OrderByDescending(p => p.ProposedAt).Take(Math.Clamp(take, 1, 500))
            .Select(p => new PendingProposal(p.Id, p.CaseId, p.CaseCode, p.RuleCode, p.RuleName, p.Type, p.RecipientUnitId, p.Why, p.ProposedAt, p.State, p.LetterId))
            .ToListAsync(cancellationToken);

    /// <summary>Declines a pending proposal (不予采纳); false when there is no such pending proposal in the viewer's scope.</summary>
    public async Task<bool> DismissProposalAsync(Guid id, string actor, CancellationToken cancellationToken = default)
    {
        var p = await db.LetterProposals.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (p is null || p.State != ProposalState.Pending)
        {
            return false;
        }
        p.State = ProposalState.Dismissed;
        p.DecidedAt = clock.GetCurrentInstant();
        p.DecidedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
