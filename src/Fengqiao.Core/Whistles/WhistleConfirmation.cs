namespace Fengqiao.Core.Whistles;

/// <summary>
/// What the last action on a whistle did, in a sentence for the person who took it ("中文 (English)"): the action and the
/// department it concerned, the marks given, the level reached and whom the escalation told. A confirmation that only
/// said "评价" left the rater unsure what had been saved.
/// </summary>
public static class WhistleConfirmation
{
    /// <summary>The sentence for <paramref name="whistle"/>'s last event; <paramref name="told"/> names the units an escalation notified.</summary>
    public static string Of(Whistle whistle, IEnumerable<string>? told = null)
    {
        ArgumentNullException.ThrowIfNull(whistle);
        var e = whistle.Events[^1];
        var department = e.Department is { } id && whistle.Summonses.Find(s => s.DepartmentId == id) is { } s ? s.DepartmentName : "";
        return e.Kind switch
        {
            WhistleEvent.Blown =>
                $"已发起{WhistleNames.Chinese(whistle.Level)}吹哨，召集：{Names(whistle)} (whistle blown at the {English(whistle.Level)} level; summoned: {Names(whistle)})",
            WhistleEvent.Summoned => $"已增派{department}报到 ({department} summoned)",
            WhistleEvent.Acknowledged => $"{department}已报到 ({department} reported for duty)",
            WhistleEvent.Acting => $"{department}已到场处置 ({department} is acting on site)",
            WhistleEvent.Reported => $"{department}已反馈处置结果 ({department} reported its result)",
            WhistleEvent.Refused => $"{department}已拒绝报到，已记录在案 ({department} refused; it is on record)",
            WhistleEvent.Rated =>
                $"已评价{department}：及时性 {e.Data["timeliness"]} 分、态度 {e.Data["attitude"]} 分、结果 {e.Data["result"]} 分 (rated {department}: timeliness {e.Data["timeliness"]}, attitude {e.Data["attitude"]}, result {e.Data["result"]})",
            WhistleEvent.Escalated => Escalated(whistle, [.. told ?? []]),
            WhistleEvent.Closed => "吹哨已闭环 (the whistle is closed)",
            WhistleEvent.Referred => $"已将{department}移交纪委监委 ({department} referred to the discipline commission)",
            _ => e.Kind,
        };
    }

    private static string Escalated(Whistle whistle, IReadOnlyList<string> told)
    {
        var to = whistle.Level;
        var from = to - 1;
        var chinese = $"吹哨已由{WhistleNames.Chinese(from)}升级至{WhistleNames.Chinese(to)}";
        var english = $"escalated from the {English(from)} to the {English(to)} level";
        return told.Count == 0
            ? $"{chinese} ({english})"
            : $"{chinese}，已通知：{string.Join("、", told)} ({english}; told: {string.Join(", ", told)})";
    }

    private static string Names(Whistle whistle) => string.Join("、", whistle.Summonses.Select(s => s.DepartmentName));

    /// <summary>The level's name in English, for the English half of a message (no parentheses: they would split it).</summary>
    public static string English(WhistleLevel level) => level switch
    {
        WhistleLevel.Community => "community/village",
        WhistleLevel.Street => "street/town",
        WhistleLevel.JointMeetingOffice => "district joint-meeting office",
        WhistleLevel.DistrictLeader => "district leader",
        _ => level.ToString(),
    };
}
