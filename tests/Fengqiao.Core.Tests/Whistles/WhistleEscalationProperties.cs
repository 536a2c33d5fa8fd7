using CsCheck;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

public class WhistleEscalationProperties
{
    private static readonly Gen<Instant> Starts = Gen.Long[
        Instant.FromUtc(2024, 1, 1, 0, 0).ToUnixTimeSeconds(),
        Instant.FromUtc(2026, 11, 30, 0, 0).ToUnixTimeSeconds()].Select(Instant.FromUnixTimeSeconds);

    // A whistle at any level whose departments have done 0–3 of their steps, each step some minutes to days after the last.
    private static readonly Gen<Whistle> Whistles =
        Gen.Select(Starts, Gen.Enum<WhistleLevel>(), Gen.Int[0, 3].Array[1, 3], Gen.Int[1, 4000].Array[9])
            .Select(x =>
            {
                var (start, level, progress, gapsMinutes) = x;
                Guid[] departments = [Housing, Labour, Police];
                var w = Blown(start, level, departments[..progress.Length]);
                var now = start;
                var g = 0;
                for (var d = 0; d < progress.Length; d++)
                {
                    for (var step = 0; step < progress[d]; step++)
                    {
                        now += Duration.FromMinutes(gapsMinutes[g++]);
                        var id = departments[d];
                        w = step switch
                        {
                            0 => w.Acknowledge(id, now, "h").Whistle,
                            1 => w.StartActing(id, now, "h").Whistle,
                            _ => w.Report(id, now, "h", "done").Whistle,
                        };
                    }
                }
                return w;
            });

    [Fact]
    public void Escalation_is_monotone_in_time_and_always_exactly_one_level_up() =>
        Gen.Select(Whistles, Gen.Long[0, 40L * 86400], Gen.Long[0, 40L * 86400]).Sample((w, a, b) =>
        {
            var t1 = w.LastActionAt + Duration.FromSeconds(Math.Min(a, b));
            var t2 = w.LastActionAt + Duration.FromSeconds(Math.Max(a, b));
            var early = WhistleEscalation.Due(w, t1);
            var late = WhistleEscalation.Due(w, t2);
            if (early is not null)
            {
                Assert.NotNull(late);
                Assert.Equal(early.To, late.To);
                Assert.Subset(late.Overdue.Select(o => o.DepartmentId).ToHashSet(), early.Overdue.Select(o => o.DepartmentId).ToHashSet());
            }
            if (late is not null)
            {
                Assert.Equal(w.Level + 1, late.To);
                Assert.Equal(w.Level, late.From);
            }
        }, iter: 2000);

    [Fact]
    public void A_scheduler_running_at_any_pace_never_skips_a_level_and_reaches_the_top_if_a_step_stays_undone() =>
        Gen.Select(Whistles, Gen.Int[1, 72 * 60].Array[60]).Sample((w, ticks) =>
        {
            var now = w.LastActionAt;
            var stuck = w.Summonses.Exists(s => s.IsOpen);
            foreach (var minutes in ticks)
            {
                now += Duration.FromMinutes(minutes);
                if (WhistleEscalation.Due(w, now) is { } notice)
                {
                    var before = w.Level;
                    w = w.Escalate(now, "scheduler").Whistle;
                    Assert.Equal(before + 1, w.Level);
                    Assert.Equal(notice.To, w.Level);
                }
            }
            // 60 ticks of up to 3 days each outlast the four levels' acknowledgement limits many times over only when
            // the ticks are long; check the weaker, always-true statement plus the strong one when time allows.
            Assert.InRange(w.Level, WhistleLevel.Community, WhistleLevel.DistrictLeader);
            if (!stuck)
            {
                Assert.Null(WhistleEscalation.Due(w, now + Duration.FromDays(365)));
            }
            else
            {
                // Whatever remains below the top will escalate given enough time.
                Assert.True(w.IsAtTopLevel || WhistleEscalation.Due(w, now + Duration.FromDays(60)) is not null);
            }
        }, iter: 500);
}
