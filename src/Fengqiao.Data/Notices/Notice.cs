using NodaTime;

namespace Fengqiao.Data.Notices;

public enum NoticeChannel
{
    InApp = 1,
    Email = 2,
    Sms = 3,
}

/// <summary>
/// One message to a person or unit in the outbox (通知): acceptance notices, deadline warnings, letters. Written in
/// the same transaction as the change that causes it; senders (in-app always, SMTP, SMS) deliver and mark it.
/// <see cref="DedupKey"/> is unique, so a job that runs twice cannot notify twice.
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }
    public required string DedupKey { get; set; }
    public NoticeChannel Channel { get; set; }
    /// <summary>The unit whose staff should see it, or null when addressed to an account.</summary>
    public Guid? UnitId { get; set; }
    public string? AccountId { get; set; }
    /// <summary>E-mail address or phone number for the email and SMS channels.</summary>
    public string? Address { get; set; }
    public string? LastError { get; set; }
    public Guid? CaseId { get; set; }
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? SentAt { get; set; }
    public int Attempts { get; set; }
}
