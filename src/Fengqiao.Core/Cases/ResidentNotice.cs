using System.Globalization;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>
/// What the petitioner is told after a step of their case (受理告知, 不予受理告知, 转送告知, 答复告知, 复查受理告知): the
/// notices the regulations require within the decision period, worded for a text message.
/// </summary>
public sealed record ResidentNotice(string Kind, string Text)
{
    /// <summary>The notice for this event, or null when the step is internal (交办, 开始办理 …).</summary>
    public static ResidentNotice? For(CaseEvent e, string trackingCode, string queryCode, string title, Instant? dueAt)
    {
        ArgumentNullException.ThrowIfNull(e);
        var matter = title.Length > 20 ? title[..20] + "…" : title;
        var subject = $"您反映的“{matter}”（编号 {trackingCode}）";
        var query = $"凭查询码 {queryCode} 可查询进度。";
        var due = dueAt is { } d ? d.InZone(DeadlineCalculator.ChinaTimeZone).Date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : null;
        var reason = e.Data.TryGetValue("reason", out var r) && !string.IsNullOrWhiteSpace(r) ? $"理由：{r}。" : "";
        return e.Kind switch
        {
            "case.accepted" => new("resident.accepted", $"{subject}已受理{(due is null ? "" : $"，将于{due}前答复")}。{query}"),
            "case.not-accepted" => new("resident.not-accepted", $"{subject}不予受理。{reason}如有异议，可依法通过其他途径反映。{query}"),
            "case.transferred" => new("resident.transferred", $"{subject}已转送有权处理的机关办理。{query}"),
            "case.replied" => new("resident.replied", $"{subject}已作出答复意见，请查阅并评价；不服的，可在收到答复之日起30日内申请复查。{query}"),
            "case.review-requested" => new("resident.review", $"{subject}的复查申请已登记。{query}"),
            "case.re-review-requested" => new("resident.re-review", $"{subject}的复核申请已登记。{query}"),
            CaseEventKinds.ResolvedOnTheSpot => new("resident.resolved", $"{subject}已当场办结。{query}"),
            _ => null,
        };
    }
}
