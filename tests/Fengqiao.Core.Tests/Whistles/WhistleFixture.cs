using Fengqiao.Core.Tests.Calendar;
using Fengqiao.Core.Whistles;
using NodaTime;

namespace Fengqiao.Core.Tests.Whistles;

/// <summary>A community whistle on a case, blown on Monday 2 March 2026 at 09:00, summoning housing and labour.</summary>
internal static class WhistleFixture
{
    public static readonly Guid Community = new("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid Housing = new("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid Labour = new("00000000-0000-0000-0000-0000000000c2");
    public static readonly Guid Police = new("00000000-0000-0000-0000-0000000000c3");
    public static readonly Guid CaseId = new("00000000-0000-0000-0000-00000000ca5e");

    public static WhistlePolicy Policy { get; } = WhistlePolicy.Default(ChinaTime.Calculator);

    public static Instant BlownAt => ChinaTime.At(2026, 3, 2);

    public static BlowWhistle Request(Instant? at = null, WhistleLevel level = WhistleLevel.Community, params Guid[] departments) =>
        new(Guid.NewGuid(), CaseId, Community, WhistleSource.ResidentRequest, level, "小区积水三个月未解决，需住建、人社联合处置",
            (departments.Length == 0 ? [Housing, Labour] : departments).Select(d => new SummonDepartment(d, Name(d), "现场排查并提出整改方案")).ToList(),
            at ?? BlownAt, "community-1");

    public static Whistle Blown(Instant? at = null, WhistleLevel level = WhistleLevel.Community, params Guid[] departments) =>
        Whistle.Blow(Request(at, level, departments), Policy).Whistle;

    public static Whistle Then(this Whistle whistle, Func<Whistle, WhistleTransition> action) => action(whistle).Whistle;

    /// <summary>The department acknowledges, acts and reports an hour apart from <paramref name="start"/>.</summary>
    public static Whistle Completed(this Whistle whistle, Guid department, Instant start) => whistle
        .Then(w => w.Acknowledge(department, start, "handler"))
        .Then(w => w.StartActing(department, start + Duration.FromHours(1), "handler", "到场"))
        .Then(w => w.Report(department, start + Duration.FromHours(2), "handler", "已疏通排水管道"));

    public static DepartmentRating Rating(int t = 5, int a = 4, int r = 3) => new(Score.Of(t), Score.Of(a), Score.Of(r), "响应及时");

    private static string Name(Guid d) => d == Housing ? "区住建局" : d == Labour ? "区人社局" : "公安分局";
}
