using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Mediation;

internal static class MediationFixture
{
    public static readonly Guid Committee = Guid.Parse("0192a000-0000-7000-8000-000000000001");
    public static readonly Instant Applied = ChinaTime.At(2026, 3, 2);
    public static readonly MediationActor Staff = new("调解员 杨德厚", [StaffRole.JudicialOfficer]);
    public static readonly MediationActor Resident = new("群众 马建国", [StaffRole.Resident]);
    public static readonly MediationActor Handler = new("住建局承办人", [StaffRole.Handler]);

    public static readonly MediationParty[] Parties = [new("张大山", PartySide.Applicant), new("李小河", PartySide.Respondent)];

    public static Core.Mediation.Mediation Open(MediationInitiation initiation = MediationInitiation.OneParty) =>
        Core.Mediation.Mediation.Open(new NewMediation(Guid.NewGuid(), Committee, null, null, initiation, DisputeKind.Neighbour,
            "两家宅基地之间的排水沟堵塞，雨天积水倒灌，双方多次争吵。", Parties, Applied, "调解员 杨德厚"));

    public static Instant Day(int days, int hour = 10) => Applied + Duration.FromDays(days) + Duration.FromHours(hour - 10);

    public static Core.Mediation.Mediation InMediation() => Open().Accept(Staff, Day(1)).RecordConsent(Staff, Day(2));

    public static Core.Mediation.Mediation WithSession() =>
        InMediation().RecordSession(Staff, Day(3), "村调解室", false, ["张大山", "李小河", "杨德厚"], "张大山称……；李小河称……");

    public static AgreementTerms Terms(LocalDate? deadline = null) => new(["张大山", "李小河"], "两家之间排水沟因落叶堵塞。", "疏通费用和今后维护的分担。",
        "双方均未及时清理，各负一半责任。", "由李小河于本月内雇人疏通，费用双方各半；今后每年雨季前共同清理一次。", "现金当面结清", deadline ?? new LocalDate(2026, 3, 31));

    public static Core.Mediation.Mediation Agreed() => WithSession().DraftAgreement(Staff, Day(4), Terms()).SignAgreement(Staff, Day(5));
}
