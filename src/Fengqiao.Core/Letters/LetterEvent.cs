using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core.Audit;
using NodaTime;

namespace Fengqiao.Core.Letters;

/// <summary>What a letter action did, for the letter's hash-chained log.</summary>
public sealed record LetterEvent(string Kind, LetterState Before, LetterState After, Instant At, string Actor, ImmutableSortedDictionary<string, string> Data)
{
    public const string Drafted = "letter.drafted";
    public const string Revised = "letter.revised";
    public const string Approved = "letter.approved";
    public const string Issued = "letter.issued";
    public const string Acknowledged = "letter.acknowledged";
    public const string Replied = "letter.replied";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static LetterEvent FromLink(EventChain.Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Dictionary<string, string>? data;
        try
        {
            data = JsonSerializer.Deserialize<Dictionary<string, string>>(link.Data);
        }
        catch (JsonException e)
        {
            throw new FormatException($"函件事件数据不是有效的 JSON (letter event data is not valid JSON): {e.Message}", e);
        }
        if (data is null
            || !data.Remove("before", out var before) || !Enum.TryParse<LetterState>(before, out var b)
            || !data.Remove("after", out var after) || !Enum.TryParse<LetterState>(after, out var a))
        {
            throw new FormatException("函件事件缺少状态 (letter event lacks its states)");
        }
        return new LetterEvent(link.Kind, b, a, Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds), link.Actor, data.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    public EventChain.Link ToLink(Guid letterId, int sequence) =>
        new(letterId, sequence, Kind, Actor, At.ToUnixTimeMilliseconds(),
            JsonSerializer.Serialize(Data.SetItem("before", Before.ToString()).SetItem("after", After.ToString()), JsonOptions));
}

/// <summary>What a stored letter is apart from its log: who, to whom, about which case, and its (last) words.</summary>
public sealed record LetterHead(Guid Id, Guid CaseId, LetterType Type, Guid IssuingUnit, string IssuerPrefix, Guid RecipientUnit, LetterContent Content, LetterReference? Corrects);

/// <summary>The letter after an allowed action and the event to log.</summary>
public sealed record LetterTransition(Letter Letter, LetterEvent Event);

public enum LetterState
{
    Drafted = 1,      // 拟稿
    Approved = 2,     // 已审签
    Issued = 3,       // 已印发
    Acknowledged = 4, // 已签收
    Replied = 5,      // 已回复
}

/// <summary>Where the reply stands.</summary>
public enum LetterReplyStatus
{
    NotIssued = 1,     // 未印发
    Awaiting = 2,      // 待回复
    Overdue = 3,       // 逾期未回复
    RepliedOnTime = 4, // 按期回复
    RepliedLate = 5,   // 逾期回复
}
