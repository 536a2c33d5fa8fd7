using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Letters;

/// <summary>What is needed to draft a letter on a case. <see cref="Corrects"/> names the issued letter a correction replaces.</summary>
public sealed record DraftLetter(
    Guid LetterId,
    Guid CaseId,
    LetterTemplate Template,
    LetterFacts Facts,
    Guid IssuingUnit,
    string IssuerPrefix,
    Guid RecipientUnit,
    Instant At,
    string Actor,
    LetterReference? Corrects = null);

/// <summary>
/// A supervision instrument through drafted → approved → issued → acknowledged → replied, as an immutable value.
/// Its words can change only before issue; an issued letter is never edited, and a correction is a new letter that
/// refers to it (<see cref="DraftCorrection"/>).
/// </summary>
public sealed record Letter
{
    /// <summary>Reply within 30 days of issue unless the issuer sets otherwise; the last day rolls off holidays.</summary>
    public static readonly SlaPeriod DefaultReplyPeriod = SlaPeriod.CalendarDays(30);

    private const int MaxText = TextLimits.Long;

    private Letter(DraftLetter d, LetterContent content, string actor)
    {
        Id = d.LetterId;
        CaseId = d.CaseId;
        Type = d.Template.Type;
        IssuingUnit = d.IssuingUnit;
        IssuerPrefix = d.IssuerPrefix;
        RecipientUnit = d.RecipientUnit;
        Content = content;
        DraftedBy = actor;
        DraftedAt = d.At;
        LastActionAt = d.At;
        Corrects = d.Corrects;
    }

    private Letter(LetterHead head, Instant draftedAt, string draftedBy)
    {
        Id = head.Id;
        CaseId = head.CaseId;
        Type = head.Type;
        IssuingUnit = head.IssuingUnit;
        IssuerPrefix = head.IssuerPrefix;
        RecipientUnit = head.RecipientUnit;
        Content = Validate(head.Content);
        DraftedBy = draftedBy;
        DraftedAt = draftedAt;
        LastActionAt = draftedAt;
        Corrects = head.Corrects;
    }

    /// <summary>
    /// Rebuilds a stored letter by applying its logged actions again. The words are the stored ones: they can change
    /// only before issue, so the last version is the one every later action saw.
    /// </summary>
    public static Letter Rehydrate(LetterHead head, IEnumerable<LetterEvent> events, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(events);
        Letter? letter = null;
        foreach (var e in events)
        {
            if (letter is null)
            {
                letter = e.Kind == LetterEvent.Drafted
                    ? new Letter(head, e.At, e.Actor)
                    : throw new FormatException("函件日志须以拟稿开始 (a letter log must start with the draft)");
                continue;
            }
            string D(string key) => e.Data.TryGetValue(key, out var v) ? v : throw new FormatException($"函件事件 {e.Kind} 缺少 {key} (event lacks {key})");
            letter = e.Kind switch
            {
                LetterEvent.Revised => letter.Revise(head.Content, e.At, e.Actor).Letter,
                LetterEvent.Approved => letter.Approve(e.At, e.Actor).Letter,
                LetterEvent.Issued => letter.Issue(DocumentNumber.Parse(D("number")), calculator, e.At, e.Actor).Letter,
                LetterEvent.Acknowledged => letter.Acknowledge(letter.RecipientUnit, e.At, e.Actor).Letter,
                LetterEvent.Replied => letter.Reply(letter.RecipientUnit, e.At, e.Actor, D("reply")).Letter,
                _ => throw new FormatException($"未知的函件事件 {e.Kind} (unknown letter event)"),
            };
        }
        return letter ?? throw new FormatException("函件日志为空 (the letter log is empty)");
    }

    public Guid Id { get; }

    public Guid CaseId { get; }

    public LetterType Type { get; }

    public Guid IssuingUnit { get; }

    public string IssuerPrefix { get; }

    /// <summary>The unit the letter is addressed to (主送单位); only it acknowledges and replies.</summary>
    public Guid RecipientUnit { get; }

    public LetterContent Content { get; private init; }

    public LetterState State { get; private init; } = LetterState.Drafted;

    public string DraftedBy { get; }

    public Instant DraftedAt { get; }

    public string? ApprovedBy { get; private init; }

    public DocumentNumber? Number { get; private init; }

    public Instant? IssuedAt { get; private init; }

    public LocalDate? IssueDate { get; private init; }

    public Deadline? ReplyDeadline { get; private init; }

    public Instant? AcknowledgedAt { get; private init; }

    public Instant? RepliedAt { get; private init; }

    public string? ReplyText { get; private init; }

    /// <summary>The issued letter this one corrects, if it is a correction (更正函).</summary>
    public LetterReference? Corrects { get; }

    public Instant LastActionAt { get; private init; }

    public int Version { get; private init; } = 1;

    public bool IsIssued => State >= LetterState.Issued;

    /// <summary>How other documents cite this letter; only an issued letter can be cited.</summary>
    public LetterReference Reference => Number is { } n && IssuedAt is { } at
        ? new LetterReference(Id, n, Content.Title, at)
        : throw new LetterRuleException("函件尚未印发，不能引用 (a letter can be cited only once issued)");

    public static LetterTransition Draft(DraftLetter request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Template);
        if (request.LetterId == Guid.Empty || request.CaseId == Guid.Empty || request.IssuingUnit == Guid.Empty || request.RecipientUnit == Guid.Empty)
        {
            throw new LetterRuleException("函件须有编号、案件、发文单位和主送单位 (a letter needs an id, a case, an issuing and a recipient unit)");
        }
        if (request.IssuingUnit == request.RecipientUnit)
        {
            throw new LetterRuleException("发文单位不能主送自己 (a unit cannot address a letter to itself)");
        }
        if (!DocumentNumber.IsValidPrefix(request.IssuerPrefix))
        {
            throw new LetterRuleException($"机关代字应为 1–{DocumentNumber.MaxPrefixLength} 个汉字 (the issuer prefix must be Chinese characters)");
        }
        if (request.Corrects is { } old && old.Type != request.Template.Type)
        {
            throw new LetterRuleException("更正函须与原函类型相同 (a correction must be of the original letter's type)");
        }
        var actor = Text(request.Actor, "拟稿人", "drafter", 200);
        var letter = new Letter(request, Validate(LetterContent.Render(request.Template, request.Facts)), actor);
        var @event = new LetterEvent(LetterEvent.Drafted, LetterState.Drafted, LetterState.Drafted, request.At, actor, Data(
            ("case", request.CaseId.ToString("D")),
            ("type", letter.Type.ToString()),
            ("template", request.Template.Code),
            ("recipient", request.RecipientUnit.ToString("D")),
            ("title", letter.Content.Title),
            ("corrects", request.Corrects?.Number.ToString())));
        return new LetterTransition(letter, @event);
    }

    /// <summary>Edits the words of a draft; revising an approved draft withdraws the approval.</summary>
    public LetterTransition Revise(LetterContent content, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(content);
        var who = Begin(at, actor);
        if (IsIssued)
        {
            throw new LetterRuleException("已印发的函件不能修改，请起草更正函 (an issued letter cannot be changed; draft a correction instead)");
        }
        return Next(this with { Content = Validate(content), State = LetterState.Drafted, ApprovedBy = null }, LetterEvent.Revised, at, who,
            ("title", content.Title));
    }

    /// <summary>A leader signs the draft off (审签); not the person who drafted it.</summary>
    public LetterTransition Approve(Instant at, string actor)
    {
        var who = Begin(LetterAction.Approve, at, actor, null);
        return Next(this with { State = LetterState.Approved, ApprovedBy = who }, LetterEvent.Approved, at, who);
    }

    /// <summary>
    /// Issues (印发) with a number from the issuer's sequence for this type and the year of issue, and starts the
    /// reply deadline (default 30 days).
    /// </summary>
    public LetterTransition Issue(DocumentNumber number, DeadlineCalculator calculator, Instant at, string actor, SlaPeriod? replyPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        var who = Begin(LetterAction.Issue, at, actor, null);
        var date = calculator.LocalDateOf(at);
        if (number.IssuerPrefix != IssuerPrefix || number.Type != Type || number.Year != date.Year)
        {
            throw new LetterRuleException(string.Create(CultureInfo.InvariantCulture,
                $"文号 {number} 与发文单位、函件类型或年份不符，应为 {IssuerPrefix}{LetterTypes.Character(Type)}〔{date.Year}〕 (the number does not match the issuer, type or year)"));
        }
        var deadline = calculator.Compute(at, replyPeriod ?? DefaultReplyPeriod, rollsToWorkingDay: true);
        return Next(this with { State = LetterState.Issued, Number = number, IssuedAt = at, IssueDate = date, ReplyDeadline = deadline },
            LetterEvent.Issued, at, who,
            ("number", number.ToString()),
            ("replyBy", LocalDatePattern.Iso.Format(deadline.DueDate)));
    }

    /// <summary>The recipient signs for the letter (签收).</summary>
    public LetterTransition Acknowledge(Guid unit, Instant at, string actor)
    {
        var who = Begin(LetterAction.Acknowledge, at, actor, unit);
        return Next(this with { State = LetterState.Acknowledged, AcknowledgedAt = at }, LetterEvent.Acknowledged, at, who);
    }

    /// <summary>The recipient replies (回复); a reply without a prior acknowledgement also counts as received.</summary>
    public LetterTransition Reply(Guid unit, Instant at, string actor, string text)
    {
        var who = Begin(LetterAction.Reply, at, actor, unit);
        var reply = Text(text, "回复内容", "the reply", MaxText);
        var late = ReplyDeadline!.IsOverdueAt(at);
        return Next(this with { State = LetterState.Replied, RepliedAt = at, ReplyText = reply, AcknowledgedAt = AcknowledgedAt ?? at },
            LetterEvent.Replied, at, who, ("late", late ? "true" : "false"), ("reply", reply));
    }

    public LetterReplyStatus ReplyStatusAt(Instant now) => (ReplyDeadline, RepliedAt) switch
    {
        (null, _) => LetterReplyStatus.NotIssued,
        ({ } d, { } replied) => d.IsOverdueAt(replied) ? LetterReplyStatus.RepliedLate : LetterReplyStatus.RepliedOnTime,
        ({ } d, null) => d.IsOverdueAt(now) ? LetterReplyStatus.Overdue : LetterReplyStatus.Awaiting,
    };

    /// <summary>Starts a correction (更正函): a new draft of the same type and case that refers to this issued letter.</summary>
    public LetterTransition DraftCorrection(Guid newLetterId, LetterTemplate template, LetterFacts facts, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!IsIssued)
        {
            throw new LetterRuleException("未印发的函件直接修改即可，无需更正函 (a draft is revised, not corrected)");
        }
        if (at < LastActionAt)
        {
            throw new LetterRuleException("操作时间早于原函最后一次操作 (the correction is dated before the original's last action)");
        }
        return Draft(new DraftLetter(newLetterId, CaseId, template, facts, IssuingUnit, IssuerPrefix, RecipientUnit, at, actor, Reference));
    }

    /// <summary>The structured content the Word generator renders.</summary>
    public LetterDocument ToDocument() =>
        new(Type, Number, Content.Title, Content.RecipientName, Content.Salutation, Content.Paragraphs, Content.SignatureUnit, IssueDate, Corrects?.Number);

    private static LetterContent Validate(LetterContent content)
    {
        var paragraphs = content.Paragraphs.IsDefault ? [] : content.Paragraphs.Select(p => p?.Trim() ?? string.Empty).Where(p => p.Length > 0).ToImmutableArray();
        if (paragraphs.IsEmpty)
        {
            throw new LetterRuleException("函件正文不能为空 (the letter needs a body)");
        }
        if (paragraphs.Sum(p => p.Length) > MaxText)
        {
            throw new LetterRuleException($"函件正文超过 {MaxText} 字 (the body is too long)");
        }
        return new LetterContent(Text(content.Title, "标题", "a title", 200), Text(content.RecipientName, "主送单位", "a recipient", 200),
            content.Salutation?.Trim() ?? string.Empty, paragraphs, Text(content.SignatureUnit, "落款单位", "a signature unit", 200));
    }

    /// <summary>The actions <paramref name="actor"/> may take on the letter at <paramref name="at"/> (given a reply text where one is asked).</summary>
    public IReadOnlySet<LetterAction> Offers(LetterActor actor, Instant at) =>
        Enum.GetValues<LetterAction>().Where(a => Refusal(a, actor, at) is null).ToFrozenSet();

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="action"/> at <paramref name="at"/>, or null when they
    /// may: who signs for the issuing unit (<see cref="LetterActor.SignRefusal"/>), then the letter's own rules, the
    /// same ones <see cref="Approve"/>, <see cref="Issue"/>, <see cref="Acknowledge"/> and <see cref="Reply"/> apply.
    /// </summary>
    public LetterRuleException? Refusal(LetterAction action, LetterActor actor, Instant at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var message = (action is LetterAction.Approve or LetterAction.Issue ? actor.SignRefusal(IssuingUnit) : null)
            ?? OwnRefusal(action, actor.Name, actor.Unit, at);
        return message is null ? null : new LetterRuleException(message);
    }

    // The letter's own rules for each action: its state, its drafter, its recipient and its last action.
    private string? OwnRefusal(LetterAction action, string? actor, Guid? unit, Instant at) =>
        at < LastActionAt ? "操作时间早于上一次操作 (the action is dated before the letter's previous action)"
        : action switch
        {
            LetterAction.Approve => StateRefusal(LetterState.Drafted, "审签", "approve")
                ?? (string.Equals(actor?.Trim(), DraftedBy, StringComparison.Ordinal) ? "拟稿人不能审签自己起草的函件 (nobody may approve their own draft)" : null),
            LetterAction.Issue => StateRefusal(LetterState.Approved, "印发", "issue"),
            LetterAction.Acknowledge => RecipientRefusal(unit, "签收", "acknowledge") ?? StateRefusal(LetterState.Issued, "签收", "acknowledge"),
            LetterAction.Reply => RecipientRefusal(unit, "回复", "reply to")
                ?? (State == LetterState.Replied ? "函件已回复 (the letter has already been replied to)"
                    : State is not (LetterState.Issued or LetterState.Acknowledged) ? "函件尚未印发，不能回复 (the letter has not been issued)"
                    : null),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的函件操作 (unknown letter action)"),
        };

    private string? StateRefusal(LetterState state, string chinese, string english) =>
        State != state ? $"函件当前为『{Chinese(State)}』，不能{chinese} (cannot {english} a letter that is {State})" : null;

    private string? RecipientRefusal(Guid? unit, string chinese, string english) =>
        unit != RecipientUnit ? $"该函件并非发给本单位，不能{chinese} (cannot {english} a letter not addressed to your unit)" : null;

    private string Begin(LetterAction action, Instant at, string actor, Guid? unit)
    {
        if (OwnRefusal(action, actor, unit, at) is { } refusal)
        {
            throw new LetterRuleException(refusal);
        }
        return Text(actor, "操作人", "actor", 200);
    }

    private string Begin(Instant at, string actor)
    {
        if (at < LastActionAt)
        {
            throw new LetterRuleException("操作时间早于上一次操作 (the action is dated before the letter's previous action)");
        }
        return Text(actor, "操作人", "actor", 200);
    }

    private LetterTransition Next(Letter next, string kind, Instant at, string actor, params (string Key, string? Value)[] data)
    {
        var after = next with { LastActionAt = at, Version = Version + 1 };
        return new LetterTransition(after, new LetterEvent(kind, State, after.State, at, actor, Data(data)));
    }

    private static string Chinese(LetterState state) => state switch
    {
        LetterState.Drafted => "拟稿",
        LetterState.Approved => "已审签",
        LetterState.Issued => "已印发",
        LetterState.Acknowledged => "已签收",
        _ => "已回复",
    };

    private static ImmutableSortedDictionary<string, string> Data(params (string Key, string? Value)[] items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                builder[key] = value;
            }
        }
        return builder.ToImmutable();
    }

    private static string Text(string? value, string chinese, string english, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new LetterRuleException($"{chinese}不能为空 ({english} is required)");
        }
        return trimmed.Length <= max
            ? trimmed
            : throw new LetterRuleException(string.Create(CultureInfo.InvariantCulture, $"{chinese}超过 {max} 字 ({english} is longer than {max} characters)"));
    }
}
