using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Procuratorate;

public enum SuggestionStatus
{
    AwaitingReply = 1, // 待回复
    Overdue = 2,       // 逾期未回复
    RepliedOnTime = 3, // 按期回复
    RepliedLate = 4,   // 逾期回复
}

/// <summary>
/// A procuratorial suggestion (检察建议) served on a unit, tracked to its written reply. The unit replies within
/// two months of receiving it (人民检察院检察建议工作规定), unless the suggestion sets another period; a last day
/// on a holiday rolls to the next working day.
/// </summary>
public sealed record ProcuratorialSuggestion
{
    public const int DefaultReplyMonths = 2;

    private ProcuratorialSuggestion(Guid id, string documentNumber, string recipientUnit, string subject, string content,
        LocalDate servedOn, LocalDate replyDue)
    {
        Id = id;
        DocumentNumber = documentNumber;
        RecipientUnit = recipientUnit;
        Subject = subject;
        Content = content;
        ServedOn = servedOn;
        ReplyDue = replyDue;
    }

    public Guid Id { get; }

    /// <summary>e.g. 垦检建〔2026〕3号.</summary>
    public string DocumentNumber { get; }

    public string RecipientUnit { get; }

    public string Subject { get; }

    public string Content { get; }

    public LocalDate ServedOn { get; }

    /// <summary>The last day for the reply.</summary>
    public LocalDate ReplyDue { get; }

    public LocalDate? RepliedOn { get; private init; }

    public string? Reply { get; private init; }

    /// <summary>Whether the unit says it adopted the suggestion (采纳) — what the procuratorate reports.</summary>
    public bool? Adopted { get; private init; }

    public static ProcuratorialSuggestion Issue(Guid id, string documentNumber, string recipientUnit, string subject, string content,
        LocalDate servedOn, WorkCalendar calendar, int replyMonths = DefaultReplyMonths)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (id == Guid.Empty || string.IsNullOrWhiteSpace(documentNumber) || string.IsNullOrWhiteSpace(recipientUnit)
            || string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(content))
        {
            throw new ProcuratorateRuleException("检察建议需有编号、文号、被建议单位、事由和内容 (a suggestion needs an id, a number, a recipient, a subject and content)");
        }
        if (replyMonths is < 1 or > 12)
        {
            throw new ProcuratorateRuleException($"回复期限应为 1–12 个月，收到 {replyMonths} (the reply period is 1 to 12 months)");
        }
        var due = calendar.NextWorkingDayOnOrAfter(servedOn.PlusMonths(replyMonths));
        return new ProcuratorialSuggestion(id, documentNumber.Trim(), recipientUnit.Trim(), subject.Trim(), content.Trim(), servedOn, due);
    }

    public ProcuratorialSuggestion RecordReply(LocalDate repliedOn, string reply, bool adopted)
    {
        if (RepliedOn is not null)
        {
            throw new ProcuratorateRuleException("该检察建议已回复 (the suggestion has already been answered)");
        }
        if (repliedOn < ServedOn)
        {
            throw new ProcuratorateRuleException("回复日期早于送达日期 (a reply cannot predate the suggestion)");
        }
        if (string.IsNullOrWhiteSpace(reply))
        {
            throw new ProcuratorateRuleException("回复内容不能为空 (the reply is empty)");
        }
        return this with { RepliedOn = repliedOn, Reply = reply.Trim(), Adopted = adopted };
    }

    public SuggestionStatus StatusOn(LocalDate today) => RepliedOn switch
    {
        { } replied when replied <= ReplyDue => SuggestionStatus.RepliedOnTime,
        { } => SuggestionStatus.RepliedLate,
        null when today > ReplyDue => SuggestionStatus.Overdue,
        _ => SuggestionStatus.AwaitingReply,
    };
}
