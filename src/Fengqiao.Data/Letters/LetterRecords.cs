using Fengqiao.Core.Letters;
using NodaTime;

namespace Fengqiao.Data.Letters;

/// <summary>A supervision letter (督办函 / 风险提示函 / 问责建议函) as stored; Core's <see cref="Letter"/> is rebuilt from it and its log.</summary>
public sealed class LetterRecord : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public LetterType Type { get; set; }
    public LetterState State { get; set; }
    public Guid IssuingUnitId { get; set; }
    public required string IssuerPrefix { get; set; }
    public Guid RecipientUnitId { get; set; }
    public required string Title { get; set; }
    public required string RecipientName { get; set; }
    public required string Salutation { get; set; }
    /// <summary>Body paragraphs separated by a newline (a paragraph never contains one: the template trims them).</summary>
    public required string Body { get; set; }
    public required string SignatureUnit { get; set; }
    /// <summary>The document number once issued (垦信督〔2026〕15号); unique, so no two letters can ever share one.</summary>
    public string? Number { get; set; }
    public Instant DraftedAt { get; set; }
    public required string DraftedBy { get; set; }
    public Instant? IssuedAt { get; set; }
    public Instant? ReplyDueAt { get; set; }
    public Instant? RepliedAt { get; set; }
    public Guid? CorrectsLetterId { get; set; }
    /// <summary>The rule proposal the letter was drafted from, if any.</summary>
    public Guid? ProposalId { get; set; }
    public int EventCount { get; set; }
    public int Version { get; set; }
}

/// <summary>One entry of a letter's append-only, hash-chained log.</summary>
public sealed class LetterLogEntry : Audit.IChainedLogEntry
{
    public long Id { get; set; }
    public Guid LetterId { get; set; }
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public Instant At { get; set; }
    public required string Data { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    Guid Audit.IChainedLogEntry.OwnerId => LetterId;

    Core.Audit.EventChain.Link Audit.IChainedLogEntry.Link => new(LetterId, Sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), Data);
}

/// <summary>
/// The last number an issuing unit gave letters of one type in one year. Advanced inside the issuing transaction
/// with its version as the concurrency token, so two web nodes issuing at once cannot take the same number: the
/// second one's update matches no row and it retries with the next number.
/// </summary>
public sealed class LetterNumberSequence : IVersioned
{
    public Guid IssuingUnitId { get; set; }
    public LetterType Type { get; set; }
    public int Year { get; set; }
    public required string IssuerPrefix { get; set; }
    public int Last { get; set; }
    public int Version { get; set; }
}

/// <summary>A letter-proposal rule (函件生成规则) as an administrator edits it; Core's <see cref="LetterRule"/> validates it.</summary>
public sealed class LetterRuleRecord : IVersioned
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public LetterTrigger Trigger { get; set; }
    public LetterType Proposes { get; set; }
    public int Threshold { get; set; }
    public int PeriodDays { get; set; }
    public bool Enabled { get; set; }
    public int Version { get; set; }

    public LetterRule ToRule() => new(Code, Name, Trigger, Proposes, Threshold, PeriodDays, Enabled);
}

public enum ProposalState
{
    Pending = 1,   // 待审
    Accepted = 2,  // 已采纳（已拟稿）
    Dismissed = 3, // 不予采纳
}

/// <summary>A letter a rule proposed for a case, waiting for a person; it names the rule that fired.</summary>
public sealed class LetterProposalRecord : IVersioned
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseCode { get; set; }
    public required string RuleCode { get; set; }
    public required string RuleName { get; set; }
    public LetterType Type { get; set; }
    public Guid? RecipientUnitId { get; set; }
    public required string Why { get; set; }
    public Instant ProposedAt { get; set; }
    public ProposalState State { get; set; }
    public string? DecidedBy { get; set; }
    public Instant? DecidedAt { get; set; }
    public Guid? LetterId { get; set; }
    public int Version { get; set; }
}
