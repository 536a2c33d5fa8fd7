using System.Globalization;
using Fengqiao.Core.Assessment;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Letters;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>The referral's evidence pack and the monthly notice (访情通报) as official Word documents.</summary>
public static class WhistleDocuments
{
    public static byte[] EvidencePack(EvidencePack pack, string caseCode, string caseTitle, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(calculator);
        string Time(Instant t) => t.InZone(DeadlineCalculator.ChinaTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var flags = pack.Flags.Select(f => f.Reason == DepartmentFlagReason.Refused
            ? $"{f.DepartmentName}拒不报到。"
            : string.Create(CultureInfo.InvariantCulture, $"{f.DepartmentName}{(f.Step is { } s ? WhistleNames.Chinese(s) : "")}超时 {f.Lateness.TotalHours:0.#} 小时。"));
        var timeline = pack.Timeline.Select(e => $"{Time(e.At)}　{WhistleNames.Chinese(e.Level)}　{Describe(e.Kind)}　{e.Actor}");
        var rating = pack.Rating is { } r
            ? [string.Create(CultureInfo.InvariantCulture, $"及时性 {r.Timeliness} 分，态度 {r.Attitude} 分，结果 {r.Result} 分。{r.Comment}")]
            : new[] { "吹哨单位尚未评价。" };
        var letters = pack.Letters.IsEmpty ? ["无。"] : pack.Letters.Select(l => $"{l.Number}《{l.Title}》，{Time(l.IssuedAt)} 印发。");
        return OfficialDocx.Report("信访工作联席会议办公室", null, $"关于{pack.DepartmentName}在{caseCode}号事项吹哨报到中有关问题的移交材料",
        [
            (null, [$"{caseCode}号信访事项（{caseTitle}）吹哨报到过程中，{pack.DepartmentName}存在以下问题，现将有关材料移交纪委监委。移交理由：{pack.Reason}"]),
            ("一、问题情形", flags),
            ("二、吹哨报到过程记录", timeline),
            ("三、吹哨单位评价", rating),
            ("四、督办函件", letters),
            (pack.Supersedes is { } old ? "五、更正说明" : null, pack.Supersedes is { } o ? [$"本材料更正并替代此前移交材料（编号 {o:D}），原材料留档备查。"] : []),
        ], "信访工作联席会议办公室", calculator.LocalDateOf(pack.IssuedAt));
    }

    /// <summary>The monthly notice (访情通报) with the ranking table as lines, best first.</summary>
    public static byte[] MonthlyNotice(string issuer, MonthlyRanking departments, MonthlyRanking towns, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(towns);
        static IEnumerable<string> Rows(MonthlyRanking ranking) => ranking.Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"第 {r.Rank} 名　{r.UnitName}　{r.Score:0.00} 分{(r.RankChange is { } c && c != 0 ? (c > 0 ? $"（上升 {c} 位）" : $"（下降 {-c} 位）") : "")}"));
        // Units with no work this month are named after the ranked ones, so a reader sees they were not forgotten.
        static IEnumerable<string> Unrated(MonthlyRanking ranking) => ranking.NotRated.IsDefaultOrEmpty
            ? []
            : [$"本月不参评：{string.Join("、", ranking.NotRated.Select(u => u.UnitName))}（{string.Join("；", ranking.NotRated.Select(u => u.Reason).Distinct().Order().Select(Why))}）。"];
        static string Why(NotRatedReason reason) => reason switch
        {
            NotRatedReason.NoWork => "当月无到期案件、无吹哨报到任务、无群众评价",
            _ => "当月计分指标均无数据",
        };
        var month = string.Create(CultureInfo.InvariantCulture, $"{departments.Month.Year}年{departments.Month.Month}月");
        return OfficialDocx.Report(issuer, null, $"关于{month}信访工作考核情况的通报",
        [
            (null, [$"根据吹哨报到评价、按期办结、群众满意度、督办函件和超期情况，现将{month}各镇街和部门信访工作考核情况通报如下。"]),
            ("一、镇街排名", Rows(towns).DefaultIfEmpty("本月无考核数据。").Concat(Unrated(towns))),
            ("二、部门排名", Rows(departments).DefaultIfEmpty("本月无考核数据。").Concat(Unrated(departments))),
            ("三、工作要求", ["排名靠后的单位要认真查找原因，落实整改措施，于下月5日前将整改情况报送联席办。"]),
        ], issuer, date);
    }

    private static string Describe(string kind) => kind switch
    {
        WhistleEvent.Blown => "吹哨",
        WhistleEvent.Summoned => "增派部门",
        WhistleEvent.Acknowledged => "报到",
        WhistleEvent.Acting => "到场处置",
        WhistleEvent.Reported => "反馈结果",
        WhistleEvent.Refused => "拒绝报到",
        WhistleEvent.Escalated => "升级",
        WhistleEvent.Rated => "评价",
        WhistleEvent.Closed => "闭环",
        WhistleEvent.Referred => "移交纪委监委",
        _ => kind,
    };
}
