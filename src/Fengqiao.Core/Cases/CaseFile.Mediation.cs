using System.Collections.Immutable;

namespace Fengqiao.Core.Cases;

// Mediation of disputes (矛盾纠纷调解): sessions, the agreement, and the follow-up on whether it was honoured.
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) Mediate(RecordMediationSession command)
    {
        RequireDispute(command.Action);
        var mediator = Text(command.Mediator, "调解员", "the mediator", command.Action, 200);
        var summary = Text(command.Summary, "调解情况", "a summary of the session", command.Action);
        var session = new MediationSession(command.At, mediator, summary);
        return (this with { MediationSessions = MediationSessions.Add(session) }, Data(("mediator", mediator), ("summary", summary)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Agree(RecordMediationAgreement command)
    {
        RequireDispute(command.Action);
        if (MediationSessions.IsEmpty)
        {
            throw Refuse(command.Action, "达成调解协议前应有调解记录 (record a mediation session first)");
        }
        if (Agreement is not null)
        {
            throw Refuse(command.Action, "已有调解协议 (a mediation agreement is already recorded)");
        }
        var terms = Text(command.Terms, "调解协议内容", "the terms of the agreement", command.Action);
        return (this with { Agreement = new MediationAgreement(command.At, terms) }, Data(("terms", terms)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) FollowUp(RecordAgreementFollowUp command)
    {
        RequireDispute(command.Action);
        if (Agreement is not { } agreement)
        {
            throw Refuse(command.Action, "没有调解协议可回访 (there is no mediation agreement to follow up)");
        }
        var note = Text(command.Note, "回访情况", "a follow-up note", command.Action);
        var updated = agreement with { Honoured = command.Honoured, FollowedUpAt = command.At, FollowUpNote = note };
        return (this with { Agreement = updated }, Data(("honoured", command.Honoured ? "true" : "false"), ("note", note)));
    }

    private void RequireDispute(CaseAction action)
    {
        if (Kind != CaseKind.Dispute)
        {
            throw Refuse(action, "只有矛盾纠纷案件才有调解 (only disputes are mediated)");
        }
    }
}
