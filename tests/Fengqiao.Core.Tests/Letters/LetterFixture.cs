using Fengqiao.Core.Letters;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Letters;

/// <summary>A supervision letter from the district petition bureau (垦信) to the housing bureau about one case.</summary>
internal static class LetterFixture
{
    public static readonly Guid Bureau = new("00000000-0000-0000-0000-0000000000b1");
    public static readonly Guid Housing = new("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid Labour = new("00000000-0000-0000-0000-0000000000c2");
    public static readonly Guid CaseId = new("00000000-0000-0000-0000-00000000ca5e");

    public static LetterFacts Facts { get; } = new("KL2026-000123", "幸福小区积水", new LocalDate(2026, 1, 5), "区住建局", "区信访局",
        new LocalDate(2026, 4, 15), Risk: "群众多次集体反映的风险", Reason: "超期三次未办结");

    public static LetterTemplate Template(LetterType type = LetterType.Supervision) => LetterTemplate.Defaults.Single(t => t.Type == type);

    public static DraftLetter Request(LetterType type = LetterType.Supervision) =>
        new(Guid.NewGuid(), CaseId, Template(type), Facts, Bureau, "垦信", Housing, ChinaTime.At(2026, 3, 10), "drafter");

    public static Letter Drafted(LetterType type = LetterType.Supervision) => Letter.Draft(Request(type)).Letter;

    public static Letter Approved(LetterType type = LetterType.Supervision) => Drafted(type).Approve(ChinaTime.At(2026, 3, 10, 15), "leader").Letter;

    public static Letter IssuedSupervision(int sequence = 15) =>
        Approved().Issue(DocumentNumber.Create("垦信", LetterType.Supervision, 2026, sequence), ChinaTime.Calculator, ChinaTime.At(2026, 3, 11), "clerk").Letter;

    public static Instant IssueAt => ChinaTime.At(2026, 3, 11);
}
