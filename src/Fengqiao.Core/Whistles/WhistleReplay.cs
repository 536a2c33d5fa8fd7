using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core.Audit;
using Fengqiao.Core.Letters;
using NodaTime;

namespace Fengqiao.Core.Whistles;

/// <summary>
/// Rebuilds a whistle from its stored log by applying each event's action again, so the rules that made the log are
/// the rules that read it; the stored events (not re-made ones) are kept, so the timeline is exactly what was logged.
/// </summary>
public static class WhistleReplay
{
    public static WhistleEvent FromLink(EventChain.Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Dictionary<string, string>? data;
        try
        {
            data = JsonSerializer.Deserialize<Dictionary<string, string>>(link.Data);
        }
        catch (JsonException e)
        {
            throw new FormatException($"吹哨事件数据不是有效的 JSON (whistle event data is not valid JSON): {e.Message}", e);
        }
        if (data is null || !data.Remove("level", out var level) || !Enum.TryParse<WhistleLevel>(level, out var parsed))
        {
            throw new FormatException("吹哨事件缺少级别 (whistle event lacks its level)");
        }
        return new WhistleEvent(link.Kind, parsed, Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds), link.Actor,
            data.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <param name="whistleId">The whistle's id (the log is stored under it).</param>
    /// <param name="events">The log, oldest first, starting with <see cref="WhistleEvent.Blown"/>.</param>
    /// <param name="policy">The limits in force; an escalation recorded under older limits is replayed as recorded.</param>
    /// <param name="referralLetters">The letters each referral (by pack id) cited when it was made.</param>
    public static Whistle Rehydrate(Guid whistleId, IEnumerable<WhistleEvent> events, WhistlePolicy policy, Func<Guid, IEnumerable<LetterReference>> referralLetters)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(referralLetters);
        Whistle? whistle = null;
        foreach (var e in events)
        {
            string D(string key) => e.Data.TryGetValue(key, out var v) ? v : throw new FormatException($"吹哨事件 {e.Kind} 缺少 {key} (event lacks {key})");
            string? Opt(string key) => e.Data.GetValueOrDefault(key);
            Guid Dept() => Guid.Parse(D("department"));
            if (whistle is null)
            {
                if (e.Kind != WhistleEvent.Blown)
                {
                    throw new FormatException("吹哨日志须以吹哨开始 (a whistle log must start with the blowing)");
                }
                var departments = D("departments").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => new SummonDepartment(Guid.Parse(id), D($"summons.{id}.name"), D($"summons.{id}.task")))
                    .ToList();
                var request = new BlowWhistle(whistleId, Guid.Parse(D("case")), Guid.Parse(D("blowingUnit")),
                    Enum.Parse<WhistleSource>(D("source")), e.Level, D("reason"), departments, e.At, e.Actor);
                whistle = Keep(Whistle.Blow(request, policy), e);
                continue;
            }
            var w = whistle;
            whistle = e.Kind switch
            {
                WhistleEvent.Summoned => Keep(w.Summon(new SummonDepartment(Dept(), D("name"), D("task")), e.At, e.Actor), e),
                WhistleEvent.Acknowledged => Keep(w.Acknowledge(Dept(), e.At, e.Actor), e),
                WhistleEvent.Acting => Keep(w.StartActing(Dept(), e.At, e.Actor, Opt("note")), e),
                WhistleEvent.Reported => Keep(w.Report(Dept(), e.At, e.Actor, D("note")), e),
                WhistleEvent.Refused => Keep(w.RefuseSummons(Dept(), e.At, e.Actor, D("reason")), e),
                // A recorded escalation happened; replay it even if today's limits would not have called for it.
                WhistleEvent.Escalated => Keep(w.Escalate(e.At, e.Actor, Opt("reason") ?? "按日志重放 (as logged)"), e),
                WhistleEvent.Rated => Keep(w.Rate(w.BlowingUnit, Dept(), new DepartmentRating(
                    Score.Of(int.Parse(D("timeliness"), System.Globalization.CultureInfo.InvariantCulture)),
                    Score.Of(int.Parse(D("attitude"), System.Globalization.CultureInfo.InvariantCulture)),
                    Score.Of(int.Parse(D("result"), System.Globalization.CultureInfo.InvariantCulture)),
                    Opt("comment")), e.At, e.Actor), e),
                WhistleEvent.Closed => Keep(w.Close(w.BlowingUnit, e.At, e.Actor, D("summary")), e),
                WhistleEvent.Referred => Keep(w.Refer(Guid.Parse(D("pack")), Dept(), Organisations.StaffRole.JointMeetingOffice, e.At, e.Actor,
                    D("reason"), referralLetters(Guid.Parse(D("pack"))), Opt("supersedes") is { } s ? Guid.Parse(s) : null), e),
                _ => throw new FormatException($"未知的吹哨事件 {e.Kind} (unknown whistle event)"),
            };
        }
        return whistle ?? throw new FormatException("吹哨日志为空 (the whistle log is empty)");
    }

    private static Whistle Keep(WhistleTransition t, WhistleEvent stored) =>
        t.Whistle.WithStoredEvent(stored);
}
