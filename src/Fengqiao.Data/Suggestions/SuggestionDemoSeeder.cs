using Fengqiao.Core.Organisations;
using Fengqiao.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Suggestions;

/// <summary>
/// Demo people's suggestions (人民建议) in the demo district's first two towns: one pending, one answered, one adopted
/// with what was done, one declined with the reason, spread over the last months. Deterministic: fixed texts, codes
/// and offsets; no contact is seeded.
/// </summary>
public sealed class SuggestionDemoSeeder(FengqiaoDbContext db)
{
    private const string DemoDistrict = "370505";

    public async Task<int> SeedAsync(Instant now, CancellationToken ct = default)
    {
        var towns = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(DemoDistrict) && d.Level == DivisionLevel.Town)
            .OrderBy(d => d.Code).Take(2).Select(d => d.Code).ToListAsync(ct);
        if (towns.Count < 2)
        {
            return 0;
        }
        SuggestionRecord Make(string code, int daysAgo, SuggesterKind kind, string town, string title, string text) => new()
        {
            ReceiptCode = code, Kind = kind, TownCode = town, Title = title, Text = text, State = SuggestionState.Received,
            ReceivedAt = now - Duration.FromDays(daysAgo),
        };
        var pending = Make("JYDEMO000001", 3, SuggesterKind.Resident, towns[0], "建议在小区门口增设非机动车充电桩",
            "小区电动车多，楼道里充电有火灾隐患，建议在小区门口空地统一建设非机动车充电桩，并安排专人管理。");
        var answered = Make("JYDEMO000002", 40, SuggesterKind.Resident, towns[0], "建议延长便民服务中心周六开放时间",
            "上班族平时请假不便，建议便民服务中心周六全天开放，方便群众办理社保、医保等业务。");
        answered.State = SuggestionState.Answered;
        answered.Reply = "感谢您的建议。自下月起，便民服务中心周六上午开放社保、医保窗口，下午开放时间正在评估。";
        answered.AnsweredAt = answered.ReceivedAt + Duration.FromDays(6);
        answered.AnsweredBy = "demo";
        var adopted = Make("JYDEMO000003", 75, SuggesterKind.Enterprise, towns[1], "建议在工业园区路口增设红绿灯",
            "园区上下班高峰车流量大，货车与电动车混行，路口多次发生剐蹭，建议增设红绿灯和减速带。");
        adopted.State = SuggestionState.Adopted;
        adopted.Reply = "建议已采纳，会同交警部门完成了现场勘查。";
        adopted.Outcome = "路口已安装信号灯一组、减速带两处，高峰时段安排交通协管员值守。";
        adopted.AnsweredAt = adopted.ReceivedAt + Duration.FromDays(8);
        adopted.DecidedAt = adopted.ReceivedAt + Duration.FromDays(30);
        adopted.AnsweredBy = "demo";
        var declined = Make("JYDEMO000004", 50, SuggesterKind.Resident, towns[1], "建议在河道公园内开放夜间垂钓",
            "河道公园环境好，很多居民喜欢钓鱼，建议夜间开放垂钓区域。");
        declined.State = SuggestionState.Declined;
        declined.Reply = "该河段为饮用水源二级保护区，依法禁止垂钓，暂不能采纳；可前往东郊垂钓园。";
        declined.AnsweredAt = declined.ReceivedAt + Duration.FromDays(10);
        declined.DecidedAt = declined.AnsweredAt;
        declined.AnsweredBy = "demo";
        db.Suggestions.AddRange(pending, answered, adopted, declined);
        await db.SaveChangesAsync(ct);
        return 4;
    }
}
