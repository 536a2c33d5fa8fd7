using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Deadlines;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Cases;

/// <summary>Builds cases and commands for the lifecycle tests.</summary>
internal static class CaseFixture
{
    public static readonly Guid Bureau = new("00000000-0000-0000-0000-0000000000b1");
    public static readonly Guid Housing = new("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid Labour = new("00000000-0000-0000-0000-0000000000c2");
    public static readonly Guid CityBureau = new("00000000-0000-0000-0000-0000000000d1");
    public static readonly Guid ProvinceBureau = new("00000000-0000-0000-0000-0000000000e1");

    public static CasePolicy Policy(SlaProfile profile) => new(profile, ChinaTime.Calculator);

    public static RegisterCase Registration(Instant at, CaseKind kind = CaseKind.Petition, CaseChannel channel = CaseChannel.Visit, bool urgent = false) =>
        new(Guid.NewGuid(), kind, channel, "0101", urgent, at, "clerk-1");

    public static CaseFile Registered(Instant at, CaseKind kind = CaseKind.Petition, CaseChannel channel = CaseChannel.Visit, bool urgent = false) =>
        CaseFile.Register(Registration(at, kind, channel, urgent), CasePolicy.For(SlaProfileCatalog.DefaultSelector, ChinaTime.Calculator, channel, kind, "0101")).Case;

    public static CaseFile Then(this CaseFile file, CaseCommand command) => file.Apply(command).Case;

    /// <summary>Registered on 2 March 2026, accepted on the 3rd, assigned to housing and being handled from the 4th.</summary>
    public static CaseFile InProgress(CaseKind kind = CaseKind.Petition) =>
        Registered(ChinaTime.At(2026, 3, 2), kind)
            .Then(new AcceptCase(ChinaTime.At(2026, 3, 3), "clerk-1"))
            .Then(new AssignCase(ChinaTime.At(2026, 3, 3, 10), "clerk-1", Housing, [Labour]))
            .Then(new StartHandling(ChinaTime.At(2026, 3, 4), "handler-1"));

    /// <summary>The in-progress case whose reply, drafted on 19 March, the unit's director signed off on 20 March 2026.</summary>
    public static CaseFile Replied(CaseKind kind = CaseKind.Petition) =>
        InProgress(kind).SignedReply(ChinaTime.At(2026, 3, 20), "经核查，已督促物业整改。");

    /// <summary>A reply drafted by handler-1 a day before <paramref name="at"/> and signed off by director-1 at it.</summary>
    public static CaseFile SignedReply(this CaseFile file, NodaTime.Instant at, string text, string drafter = "handler-1", string signer = "director-1") =>
        file.Then(new SubmitReply(at - NodaTime.Duration.FromDays(1), drafter, text)).Then(new ReplyToCase(at, signer, ""));
}
