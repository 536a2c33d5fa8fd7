using NodaTime;

namespace Fengqiao.Data.Security;

/// <summary>One time a staff member revealed a party's full ID number and phone (查看完整个人信息): who, when, which case.</summary>
public sealed class PersonalDataView
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid PartyId { get; set; }
    public required string AccountId { get; set; }
    public required string AccountName { get; set; }
    public Instant At { get; set; }
}
