using Fengqiao.Core.Cases;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Letters;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

public sealed record WhistleDemoResult(int Whistles, int Escalations, int Ratings, int Letters, int Referrals);

/// <summary>
/// Demo whistles and letters over the seeded cases (fixed random seed): whistles at every level, departments that
/// answer, answer late or stay silent (and are escalated by the same rules the timer uses), ratings across the last
/// three months so the ranking has a trend, supervision letters issued and some replied, and one referral.
/// Everything goes through the desks, so the demo data is exactly what the rules would have produced.
/// </summary>
public static class WhistleDemoSeeder
{
    private sealed class SteppedClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    private static readonly string[] Tasks = ["现场核查并提出处置方案", "依职责调查处理并反馈", "约谈相关当事人", "排查隐患并限期整改", "协调资金和政策支持"];

    public static async Task<WhistleDemoResult> SeedAsync(FengqiaoDbContext db, CaseRules rules, Instant now, CancellationToken cancellationToken = default)
    {
        var random = new Random(20260404);
        var policy = WhistlePolicy.Default(rules.Calculator);
        var clock = new SteppedClock(now);
        var whistles = new WhistleDesk(db, policy, clock);
        var letters = new LetterDesk(db, rules, clock);
        int blown = 0, escalations = 0, ratings = 0, issued = 0, referrals = 0;
        var counties = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.PetitionBureau).OrderBy(u => u.DivisionCode).Select(u => new { u.Id, u.DivisionCode }).ToListAsync(cancellationToken);
        foreach (var county in counties)
        {
            var departments = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department && u.DivisionCode == county.DivisionCode).OrderBy(u => u.Name).Select(u => u.Id).ToListAsync(cancellationToken);
            var old = now - Duration.FromDays(5);
            var cases = await db.Cases.AsNoTracking().Where(c => c.DivisionCode.StartsWith(county.DivisionCode) && c.State != CaseState.Closed && c.HandlingUnitId != null && c.RegisteredAt < old)
                .OrderBy(c => c.RegisteredAt).ThenBy(c => c.TrackingCode).Take(14).ToListAsync(cancellationToken);
            var referred = false;
            for (var i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                var at = c.RegisteredAt + Duration.FromHours(2 + random.Next(48));
                if (at > now - Duration.FromDays(3))
                {
                    continue;
                }
                clock.Now = at;
                var behaviour = i % 5;
                // Silent departments start low so the demo shows the whole climb to the district leader.
                var level = behaviour == 3 ? WhistleLevel.Community : (WhistleLevel)(1 + (i % 4));
                var other = departments.Where(d => d != c.HandlingUnitId).OrderBy(_ => random.Next()).First();
                var summoned = new[] { c.HandlingUnitId!.Value, other };
                var result = await whistles.BlowAsync(c.TrackingCode, new BlowRequest((WhistleSource)(1 + random.Next(4)), level, $"{c.Title}，涉及多个部门职责，需联合处置",
                    [.. summoned.Select(d => new SummonRequest(d, Tasks[random.Next(Tasks.Length)]))]), c.RegisteringUnitId, "demo-clerk", cancellationToken);
                var id = result!.Value.Record.Id;
                blown++;
                // The first department answers in hours; the second answers, answers late, refuses or stays silent.
                foreach (var (department, index) in summoned.Select((d, k) => (d, k)))
                {
                    var silent = index == 1 && behaviour is 3 or 4;
                    if (silent)
                    {
                        if (behaviour == 4 && !referred)
                        {
                            clock.Now += Duration.FromHours(3);
                            await whistles.ApplyAsync(id, null, (w, t) => w.RefuseSummons(department, t, "demo-handler", "认为不属于本部门职责"), cancellationToken);
                        }
                        continue;
                    }
                    var lag = index == 1 && behaviour == 2 ? Duration.FromDays(4) : Duration.FromHours(1 + random.Next(6));
                    foreach (var step in new[] { WhistleStep.Acknowledge, WhistleStep.Act, WhistleStep.Report })
                    {
                        clock.Now += lag;
                        if (clock.Now >= now)
                        {
                            break;
                        }
                        await whistles.ApplyAsync(id, null, step switch
                        {
                            WhistleStep.Acknowledge => (w, t) => w.Acknowledge(department, t, "demo-handler"),
                            WhistleStep.Act => (w, t) => w.StartActing(department, t, "demo-handler", "已到现场"),
                            _ => (w, t) => w.Report(department, t, "demo-handler", "已按要求处置完毕，群众表示认可"),
                        }, cancellationToken);
                    }
                }
                // The timer's rule, applied at the times it would have run: one level per late step, never past now.
                var loaded = (await whistles.LoadAsync(id, cancellationToken))!.Value;
                while (WhistleEscalation.Due(loaded.Whistle, now) is not null && loaded.Whistle.Summonses.Where(s => s.IsOpen).Min(s => loaded.Whistle.DueOf(s.DepartmentId)) is { } due && due < now)
                {
                    clock.Now = Instant.Max(due + Duration.FromMinutes(5), loaded.Whistle.LastActionAt);
                    loaded = await whistles.ApplyLoadedAsync(loaded.Record, loaded.Whistle, null, (w, t) => w.Escalate(t, "system:escalation"), cancellationToken);
                    escalations++;
                }
                foreach (var s in loaded.Whistle.Summonses.Where(s => s.Status == SummonsStatus.Reported))
                {
                    clock.Now = Instant.Max(loaded.Whistle.LastActionAt, s.Steps[^1].At) + Duration.FromHours(2);
                    if (clock.Now >= now)
                    {
                        continue;
                    }
                    var late = s.Steps.Any(r => r.Lateness > Duration.Zero);
                    var rating = new DepartmentRating(Score.Of(late ? 2 + random.Next(2) : 4 + random.Next(2)), Score.Of(3 + random.Next(3)), Score.Of(late ? 3 : 4 + random.Next(2)), late ? "响应不够及时" : "响应迅速，处置到位");
                    loaded = await whistles.ApplyLoadedAsync(loaded.Record, loaded.Whistle, null, (w, t) => w.Rate(w.BlowingUnit, s.DepartmentId, rating, t, "demo-clerk"), cancellationToken);
                    ratings++;
                }

                // A supervision letter to a department that let the whistle go late, issued by the county's petition bureau.
                if (behaviour is 2 or 3 or 4)
                {
                    clock.Now = Instant.Max(loaded.Whistle.LastActionAt, clock.Now) + Duration.FromHours(1);
                    if (clock.Now < now - Duration.FromHours(1))
                    {
                        var type = behaviour == 4 ? LetterType.AccountabilitySuggestion : i % 3 == 0 ? LetterType.RiskAlert : LetterType.Supervision;
                        var drafted = await letters.DraftAsync(c.TrackingCode, new DraftRequest(type, other, Risk: "矛盾激化、引发越级访的风险", Reason: "被召集部门拒不报到、逾期未处置"), county.Id, "demo-clerk", cancellationToken);
                        var letterId = drafted!.Value.Record.Id;
                        clock.Now += Duration.FromMinutes(30);
                        await letters.ApproveAsync(letterId, null, "demo-leader", cancellationToken);
                        clock.Now += Duration.FromMinutes(30);
                        await letters.IssueAsync(letterId, null, "demo-clerk", cancellationToken);
                        issued++;
                        if (behaviour == 2 && clock.Now + Duration.FromDays(5) < now)
                        {
                            clock.Now += Duration.FromDays(5);
                            await letters.ReplyAsync(letterId, null, other, "demo-handler", "已按督办要求整改完毕，整改报告附后。", cancellationToken);
                        }
                    }
                }

                // The joint-meeting office refers the refusing department once, with its evidence.
                if (behaviour == 4 && !referred)
                {
                    var current = (await whistles.LoadAsync(id, cancellationToken))!.Value;
                    clock.Now = Instant.Max(current.Whistle.LastActionAt, clock.Now) + Duration.FromHours(2);
                    if (clock.Now < now && WhistleFlags.At(current.Whistle, clock.Now).Any(f => f.DepartmentId == other))
                    {
                        var cited = await whistles.LettersForReferralAsync(c.Id, other, cancellationToken);
                        await whistles.ApplyLoadedAsync(current.Record, current.Whistle, null,
                            (w, t) => w.Refer(Guid.CreateVersion7(), other, StaffRole.JointMeetingOffice, t, "demo-jointoffice", "拒不报到，督办后仍未处置", cited), cancellationToken);
                        referrals++;
                        referred = true;
                    }
                }
            }
        }
        return new WhistleDemoResult(blown, escalations, ratings, issued, referrals);
    }
}
