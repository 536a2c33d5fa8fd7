using System.Collections.Immutable;

namespace Fengqiao.Core.Cases;

// Mediation of disputes (矛盾纠纷调解): sessions, the agreement, and the follow-up on whether it was honoured.
public sealed partial record CaseFile
{
    private (CaseFile, ImmutableSortedDictionary<string, string>) Mediate(RecordMediationSession command)
    {
        var mediator = Text(command.Mediator, "调解员", "the mediator", command.Action, 200);
        var summary = Text(command.Summary, "调解情况", "a summary of the session", command.Action);
        var session = new MediationSession(command.At, mediator, summary);
        return (this with { MediationSessions = MediationSessions.Add(session) }, Data(("mediator", mediator), ("summary", summary)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) Agree(RecordMediationAgreement command)
    {
        var terms = Text(command.Terms, "调解协议内容", "the terms of the agreement", command.Action);
        return (this with { Agreement = new MediationAgreement(command.At, terms) }, Data(("terms", terms)));
    }

    private (CaseFile, ImmutableSortedDictionary<string, string>) FollowUp(RecordAgreementFollowUp command)
    {
        var agreement = Agreement!;
        var note = Text(command.Note, "回访情况", "a follow-up note", command.Action);
        var updated = agreement with { Honoured = command.Honoured, FollowedUpAt = command.At, FollowUpNote = note };
        return (this with { Agreement = updated }, Data(("honoured", command.Honoured ? "true" : "false"), ("note", note)));
    }
}
