using Fengqiao.Core.ServiceMenu;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>An entry of the service catalogue (服务菜单).</summary>
public sealed class ServiceOfferingRecord
{
    public required string Code { get; set; }
    public ServiceKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Topics, one a line.</summary>
    public required string Topics { get; set; }
    /// <summary>Who may order it, as comma-separated <see cref="OrdererKind"/> numbers.</summary>
    public required string Orderers { get; set; }
    /// <summary>点师授课: the orderer may choose the lecturer.</summary>
    public bool LecturerChoice { get; set; }
    public int DurationMinutes { get; set; }
}

/// <summary>A lecturer, lawyer, mediator, counsellor or tax officer who takes orders.</summary>
public sealed class ServiceProviderRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Organisation { get; set; }
    /// <summary>Comma-separated <see cref="ServiceKind"/> numbers.</summary>
    public required string Kinds { get; set; }
    /// <summary>Topics, one a line.</summary>
    public required string Topics { get; set; }
    /// <summary>Division codes served, comma-separated.</summary>
    public required string Areas { get; set; }
    /// <summary>The provider's own login, to confirm orders.</summary>
    public string? AccountId { get; set; }
    public int Version { get; set; }
}

/// <summary>A stretch of a provider's free time (空闲时间); booked slots are cut out of it.</summary>
public sealed class ProviderFreeSlotRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProviderId { get; set; }
    public Instant Start { get; set; }
    public Instant End { get; set; }
}

/// <summary>An order from the menu (点单), projected from Core's <see cref="ServiceOrder"/>.</summary>
public sealed class ServiceOrderRecord : IVersioned, Security.IKeyedById
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The number the orderer tracks it by.</summary>
    public required string TrackingCode { get; set; }
    public required string OfferingCode { get; set; }
    public OrdererKind OrdererKind { get; set; }
    public required string OrdererName { get; set; }
    /// <summary>The phone the order was placed with, sealed like every stored phone (see <see cref="ServiceOrderPhones"/>).</summary>
    public string? ContactPhoneCipher { get; set; }
    /// <summary>Blind index of that phone: the portal finds an order by its number and this, never by the phone in clear.</summary>
    public string? ContactPhoneIndex { get; set; }
    /// <summary>A phone stored in clear by a version before phones of orders were sealed; sealed and emptied when the database is migrated.</summary>
    public string? LegacyContactPhone { get; set; }
    /// <summary>Unified social credit code (统一社会信用代码) of an enterprise orderer, checked with GB 32100.</summary>
    public string? CreditCode { get; set; }
    public string? OrdererAccountId { get; set; }
    /// <summary>Where the service is wanted; the area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    public string? Topic { get; set; }
    public Instant PreferredStart { get; set; }
    public Instant PreferredEnd { get; set; }
    /// <summary>The lecturer chosen by the orderer (点师), when the offering allows it.</summary>
    public Guid? ChosenProviderId { get; set; }
    public Guid? ProviderId { get; set; }
    public Instant? ScheduledStart { get; set; }
    public Instant? ScheduledEnd { get; set; }
    public ServiceOrderState State { get; set; }
    public int? Attendance { get; set; }
    public int? Stars { get; set; }
    public string? Comment { get; set; }
    public Instant OrderedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of an order's life, kept in order.</summary>
public sealed class ServiceOrderEventRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrderId { get; set; }
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public ServiceOrderState Before { get; set; }
    public ServiceOrderState After { get; set; }
    public Instant At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}
