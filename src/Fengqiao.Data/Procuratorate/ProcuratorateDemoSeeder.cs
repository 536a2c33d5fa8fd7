using Fengqiao.Core.Calendar;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Procuratorate;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Procuratorate;

/// <summary>
/// Demo hearings and suggestions of 垦利区人民检察院 (and one suggestion of 青浦区's, so scope shows): held hearings
/// with every officer's opinion and one still to come; suggestions answered on time, late, awaiting and overdue.
/// Each goes through the desk, so through Core's rules. Deterministic: fixed names and day offsets.
/// </summary>
public sealed class ProcuratorateDemoSeeder(FengqiaoDbContext db, WorkCalendar calendar)
{
    private sealed class StepClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }

    private static readonly string[] Officers = ["人大代表 周建华", "政协委员 林秀兰", "人民监督员 高立新", "律师 罗海涛", "社区调解员 宋春燕"];

    public async Task SeedAsync(Instant now, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Procuratorate && (u.DivisionCode == "370505" || u.DivisionCode == "310118"))
            .ToDictionaryAsync(u => u.DivisionCode, u => u.Id, ct);
        if (!units.TryGetValue("370505", out var kenli))
        {
            return;
        }
        var clock = new StepClock();
        var desk = new ProcuratorateDesk(db, clock, calendar);
        Instant Day(int daysAgo) => now - Duration.FromDays(daysAgo);

        async Task HearingAsync(string reference, string subject, int daysAgo, string party, int officers, HearingOutcome? outcome, string? summary)
        {
            clock.Now = Day(daysAgo + 7);
            var participants = new List<NewHearingParticipant> { new("检察官 郑洁", HearingRole.Presiding, "垦利区人民检察院"), new(party, HearingRole.Party, null) };
            participants.AddRange(Officers.Take(officers).Select(o => new NewHearingParticipant(o, HearingRole.HearingOfficer, null)));
            var hearing = await desk.ScheduleHearingAsync(new NewHearing(reference, subject, Day(daysAgo), "垦利区人民检察院听证室", participants), kenli, ct);
            if (outcome is { } o)
            {
                clock.Now = Day(daysAgo) + Duration.FromHours(2);
                await desk.HoldHearingAsync(hearing.Id, o, [.. Officers.Take(officers).Select((name, i) =>
                    new OfficerOpinion(name, i < officers - 1 || o != HearingOutcome.DecisionChanged, i < officers - 1 ? "同意检察机关拟处理意见" : "建议补充调查后再作决定"))], summary, ct);
            }
        }

        await HearingAsync("垦检控申〔2026〕12号", "王某不服不起诉决定申诉案", 45, "王德明", 5, HearingOutcome.PetitionSettled, "听证员一致认为不起诉决定并无不当，申诉人当场表示息诉罢访。");
        await HearingAsync("垦检民监〔2026〕7号", "拖欠农民工工资民事执行监督案", 30, "李永红", 3, HearingOutcome.Reconciled, "双方当场达成分期支付和解协议。");
        await HearingAsync("垦检控申〔2026〕19号", "交通肇事赔偿刑事申诉案", 12, "赵春梅", 5, HearingOutcome.DecisionChanged, "多数听证员认为原处理意见依据不足，检察机关将重新审查。");
        await HearingAsync("垦检行监〔2026〕3号", "宅基地审批行政争议实质性化解案", -10, "刘国华", 3, null, null);

        async Task SuggestionAsync(Guid unit, string number, string recipient, string subject, string content, int servedDaysAgo, int? repliedDaysAgo, bool adopted)
        {
            clock.Now = Day(servedDaysAgo);
            var view = await desk.IssueSuggestionAsync(new NewSuggestion(number, recipient, subject, content, null, null), unit, ct);
            if (repliedDaysAgo is { } r)
            {
                clock.Now = Day(r);
                await desk.RecordReplyAsync(view.Record.Id, null, adopted ? "已按建议完成整改，并建立长效机制。" : "已部分整改，其余事项需协调上级部门。", adopted, ct);
            }
        }

        await SuggestionAsync(kenli, "垦检建〔2026〕3号", "垦利区市场监督管理局", "校园周边食品安全监管", "建议开展校园周边食品经营专项检查，建立常态化巡查机制。", 120, 70, true);
        await SuggestionAsync(kenli, "垦检建〔2026〕5号", "垦利区交通运输局", "农村道路安全隐患整治", "建议对临水临崖路段增设防护设施和警示标志。", 110, 30, false);
        await SuggestionAsync(kenli, "垦检建〔2026〕8号", "垦利区人力资源和社会保障局", "农民工工资保证金管理", "建议核查在建项目工资保证金缴存情况，督促补缴。", 75, null, false);
        await SuggestionAsync(kenli, "垦检建〔2026〕11号", "垦利街道办事处", "未成年人活动场所安全", "建议排查辖区网吧、娱乐场所接纳未成年人情况。", 20, null, false);
        if (units.TryGetValue("310118", out var qingpu))
        {
            await SuggestionAsync(qingpu, "青检建〔2026〕2号", "青浦区生态环境局", "河道排污整治", "建议对沿河企业排污口开展专项排查。", 40, 10, true);
        }
    }
}
