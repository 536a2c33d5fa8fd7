using System.Globalization;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Portal;
using NodaTime;

namespace Fengqiao.Core.Suggestions;

/// <summary>Where a people's suggestion (人民建议) stands.</summary>
public enum SuggestionState
{
    Received = 1,  // 已收到，待答复
    Answered = 2,  // 已公开答复
    Adopted = 3,   // 已采纳
    Declined = 4,  // 未采纳（附理由）
}

/// <summary>Who sent it: a resident or a firm.</summary>
public enum SuggesterKind
{
    Resident = 1,
    Enterprise = 2,
}

/// <summary>What staff may do with a suggestion.</summary>
public enum SuggestionAction
{
    Reply = 1,
    Adopt = 2,
    Decline = 3,
}

/// <summary>A suggestion as a resident or firm sends it from the portal; everything is a string, as posted.</summary>
public sealed record SuggestionDraft(string? Title, string? Text, string? Contact, string? TownCode, SuggesterKind Kind);

/// <summary>
/// The rules of 人民建议征集: what a submission must hold, and which answer fits the suggestion as it stands. A new
/// suggestion may be answered publicly, adopted (with what was done) or declined (with the reason); a public answer may
/// still be followed by adoption or a decline; adoption and a decline are final. Messages are "中文 (English)".
/// </summary>
public static class SuggestionRules
{
    public const int MaxTitle = 100;
    public const int MaxText = TextLimits.PublicDetail;
    public const int MaxContact = 50;

    /// <summary>A reply, what was done or a reason: public text, as long as a case's reply.</summary>
    public const int MaxAnswer = 5_000;

    /// <summary>The errors of a draft by field (Title, Text, Contact, TownCode); empty when it may be received.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(SuggestionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            errors["Title"] = ["请填写建议标题 (enter a title)"];
        }
        else if (!PublicText.TryCheck(draft.Title.Trim(), MaxTitle, out var titleError))
        {
            errors["Title"] = [titleError];
        }
        if (string.IsNullOrWhiteSpace(draft.Text))
        {
            errors["Text"] = ["请填写建议内容 (enter the suggestion)"];
        }
        else if (draft.Text.Trim().Length < 10)
        {
            errors["Text"] = ["建议内容至少 10 个字 (at least 10 characters)"];
        }
        else if (!PublicText.TryCheck(draft.Text.Trim(), MaxText, out var textError))
        {
            errors["Text"] = [textError];
        }
        if (!string.IsNullOrWhiteSpace(draft.Contact) && !PublicText.TryCheck(draft.Contact.Trim(), MaxContact, out var contactError))
        {
            errors["Contact"] = [contactError];
        }
        if (string.IsNullOrWhiteSpace(draft.TownCode) || !DivisionCode.TryParse(draft.TownCode, out var town, out _) || town.Level != DivisionLevel.Town)
        {
            errors["TownCode"] = ["请选择建议涉及的乡镇（街道） (choose the town)"];
        }
        if (!Enum.IsDefined(draft.Kind))
        {
            errors["Kind"] = ["请选择提出人类别 (choose resident or firm)"];
        }
        return errors;
    }

    /// <summary>Why the action does not fit the suggestion in this state, or null when it does.</summary>
    public static string? Refusal(SuggestionState state, SuggestionAction action) => (state, action) switch
    {
        (SuggestionState.Adopted or SuggestionState.Declined, _) => "该建议已办结，不能再答复 (the suggestion is settled)",
        (SuggestionState.Answered, SuggestionAction.Reply) => "该建议已公开答复 (the suggestion was already answered)",
        (SuggestionState.Received or SuggestionState.Answered, _) => null,
        _ => "未知的办理状态 (unknown state)",
    };

    /// <summary>The actions that fit the state: what a page offers.</summary>
    public static IReadOnlyList<SuggestionAction> Offers(SuggestionState state) =>
        [.. Enum.GetValues<SuggestionAction>().Where(a => Refusal(state, a) is null)];

    /// <summary>The text an answer must carry: a reply for every action, what was done for adoption, the reason for a decline.</summary>
    public static string? AnswerError(SuggestionAction action, string? reply, string? outcome)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return action == SuggestionAction.Decline ? "请填写不予采纳的理由 (give the reason)" : "请填写公开答复 (enter the public reply)";
        }
        if (reply.Trim().Length > MaxAnswer || (outcome?.Trim().Length ?? 0) > MaxAnswer)
        {
            return string.Create(CultureInfo.InvariantCulture, $"答复不超过 {MaxAnswer} 字 (at most {MaxAnswer} characters)");
        }
        if (action == SuggestionAction.Adopt && string.IsNullOrWhiteSpace(outcome))
        {
            return "采纳时请写明采取了哪些措施 (say what was done)";
        }
        return null;
    }

    /// <summary>The state an action leads to.</summary>
    public static SuggestionState After(SuggestionAction action) => action switch
    {
        SuggestionAction.Reply => SuggestionState.Answered,
        SuggestionAction.Adopt => SuggestionState.Adopted,
        SuggestionAction.Decline => SuggestionState.Declined,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Whether the public sees the suggestion: only once answered, adopted or declined.</summary>
    public static bool IsPublic(SuggestionState state) => state != SuggestionState.Received;
}

/// <summary>One month's counts (Beijing months): received that month, answered that month (any answer), adopted that month.</summary>
public sealed record SuggestionMonth(int Year, int Month, int Received, int Answered, int Adopted);

/// <summary>The monthly counts the portal and the staff page show, from the suggestions' instants.</summary>
public static class SuggestionCounts
{
    public static IReadOnlyList<SuggestionMonth> PerMonth(IEnumerable<(Instant Received, Instant? Answered, bool Adopted, Instant? Decided)> rows, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(zone);
        var months = new SortedDictionary<(int, int), int[]>();
        int[] At(Instant i)
        {
            var d = i.InZone(zone).Date;
            if (!months.TryGetValue((d.Year, d.Month), out var c))
            {
                months[(d.Year, d.Month)] = c = new int[3];
            }
            return c;
        }
        foreach (var r in rows)
        {
            At(r.Received)[0]++;
            if (r.Answered is { } answered)
            {
                At(answered)[1]++;
            }
            if (r.Adopted && r.Decided is { } decided)
            {
                At(decided)[2]++;
            }
        }
        return [.. months.Reverse().Select(m => new SuggestionMonth(m.Key.Item1, m.Key.Item2, m.Value[0], m.Value[1], m.Value[2]))];
    }
}
