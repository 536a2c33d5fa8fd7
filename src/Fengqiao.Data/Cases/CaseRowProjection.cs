using Fengqiao.Core.Cases;

namespace Fengqiao.Data.Cases;

/// <summary>
/// The <c>Cases</c> row the ledger, KPIs and queues read, kept in step with the lifecycle after every event. The
/// log is the truth; this row is what lists and counts can query without replaying it.
/// </summary>
public static class CaseRowProjection
{
    public static void Apply(CaseRecord record, CaseFile file, Core.Cases.CaseEvent lastEvent)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(lastEvent);
        var running = file.Deadline;
        if (lastEvent.Kind is CaseEventKinds.Registered or CaseEventKinds.ResolvedOnTheSpot)
        {
            record.ResolvedOnTheSpot = file.ResolvedOnTheSpot;
            record.DecisionDueAt = running is { } d && d.Stage == file.Policy.Profile.IntakeStage ? d.Deadline.Due : null;
        }
        if (lastEvent.Before == CaseState.Registered && lastEvent.After is CaseState.Accepted or CaseState.NotAccepted or CaseState.Transferred)
        {
            record.DecidedAt ??= lastEvent.At;
        }
        if (file.Stage == CaseStage.Original)
        {
            if (running is { } handling && handling.Stage != file.Policy.Profile.IntakeStage)
            {
                record.ReplyDueAt = handling.Deadline.Due;
            }
            if (file.RepliedAt is { } replied)
            {
                record.RepliedAt ??= replied;
            }
        }
        if (file.Rating is { } rating)
        {
            record.Rating = rating;
        }
        if (lastEvent.Kind == CaseEventKinds.For(CaseAction.Reopen))
        {
            // Reopened after a look-back review: the case is open again, measured against its new limit, and its next
            // reply and closure are the ones that count (the reopening itself counts as overdue in the assessment).
            record.ClosedAt = null;
            record.ClosedWithinDays = null;
            record.RepliedAt = null;
        }
        if (file.State == CaseState.Closed && record.ClosedAt is null)
        {
            record.ClosedAt = lastEvent.At;
            record.ClosedWithinDays = (int)Math.Ceiling((lastEvent.At - record.RegisteredAt).TotalDays);
        }
        record.State = file.State;
        record.Stage = file.Stage;
        record.EventCount = file.Version;
        record.ReplySubmittedAt = file.PendingReply?.DraftedAt;
        var due = file.Deadline?.Deadline.Due;
        if (due != record.DueAt)
        {
            // A new limit (or none) starts unmarked; the sweep colours it again when it nears.
            record.DeadlineLevel = 0;
        }
        record.DueAt = due;
        if (file.State == CaseState.Transferred && file.TransferredTo is { } to)
        {
            record.HandlingUnitId = to;
        }
        else if (file.HandlingUnit is { } unit)
        {
            record.HandlingUnitId = unit;
        }
    }
}
