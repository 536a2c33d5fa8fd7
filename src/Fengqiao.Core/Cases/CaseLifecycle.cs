using System.Collections.Frozen;

namespace Fengqiao.Core.Cases;

/// <summary>
/// The statutory lifecycle as a table (信访工作条例): from which states each action is allowed and which state it
/// leads to. The table only decides on states; <see cref="CaseFile"/> adds the checks that need the case's data
/// (reasons, windows, the one-extension rule).
/// </summary>
public static class CaseLifecycle
{
    private static readonly FrozenDictionary<CaseAction, FrozenSet<CaseState>> From = new Dictionary<CaseAction, CaseState[]>
    {
        [CaseAction.Accept] = [CaseState.Registered],
        [CaseAction.NotAccept] = [CaseState.Registered],
        [CaseAction.Transfer] = [CaseState.Registered],
        [CaseAction.Assign] = [CaseState.Accepted, CaseState.Transferred],
        [CaseAction.StartHandling] = [CaseState.Assigned],
        [CaseAction.Reply] = [CaseState.InProgress],
        [CaseAction.Rate] = [CaseState.Replied],
        [CaseAction.RecordNoRating] = [CaseState.Replied],
        [CaseAction.Close] = [CaseState.Rated, CaseState.NotAccepted],
        [CaseAction.RequestReview] = [CaseState.Replied, CaseState.Rated, CaseState.Closed],
        [CaseAction.RequestReReview] = [CaseState.Replied, CaseState.Rated, CaseState.Closed],
        [CaseAction.RequestExtension] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.ApproveExtension] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.RejectExtension] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.RecordMediationSession] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.RecordMediationAgreement] = [CaseState.InProgress],
        [CaseAction.RecordAgreementFollowUp] = [CaseState.Replied, CaseState.Rated, CaseState.Closed],
        [CaseAction.SuspendHandling] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.ResumeHandling] = [CaseState.Assigned, CaseState.InProgress],
        [CaseAction.SubmitReply] = [CaseState.InProgress],
        [CaseAction.ReturnReply] = [CaseState.InProgress],
        [CaseAction.Reopen] = [CaseState.Closed],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet());

    /// <summary>The states an action may be taken in.</summary>
    public static IReadOnlySet<CaseState> AllowedFrom(CaseAction action) =>
        From.TryGetValue(action, out var states) ? states : throw new ArgumentOutOfRangeException(nameof(action), action, "未知的操作 (unknown action)");

    public static bool IsAllowed(CaseState state, CaseAction action) => From.TryGetValue(action, out var states) && states.Contains(state);

    /// <summary>The actions the table allows in a state (the case's data may still refuse some).</summary>
    public static IEnumerable<CaseAction> ActionsFrom(CaseState state) =>
        Enum.GetValues<CaseAction>().Where(a => IsAllowed(state, a));

    /// <summary>The state an action leads to, or null when it records something without changing the state.</summary>
    public static CaseState? TargetOf(CaseAction action) => action switch
    {
        CaseAction.Accept => CaseState.Accepted,
        CaseAction.NotAccept => CaseState.NotAccepted,
        CaseAction.Transfer => CaseState.Transferred,
        CaseAction.Assign => CaseState.Assigned,
        CaseAction.StartHandling => CaseState.InProgress,
        CaseAction.Reply => CaseState.Replied,
        CaseAction.Rate or CaseAction.RecordNoRating => CaseState.Rated,
        CaseAction.Close => CaseState.Closed,
        // A review or re-review reopens the case at the reviewing body, which accepts it on receipt.
        CaseAction.RequestReview or CaseAction.RequestReReview => CaseState.Accepted,
        // A look-back review that finds a closed case not truly resolved hands it straight to a unit again.
        CaseAction.Reopen => CaseState.Assigned,
        _ => null,
    };
}
