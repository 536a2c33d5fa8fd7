using Fengqiao.Core.Mediation;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>A one-stop dispute-resolution centre (一站式矛盾纠纷多元化解中心): where it serves and the unit whose staff run it.</summary>
public sealed class MediationCentreRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The district or town it serves; the area scope tests this, and the public page names it.</summary>
    public required string DivisionCode { get; set; }
    /// <summary>The unit whose staff keep the rota and receive residents; the unit scope tests this.</summary>
    public Guid? OperatorUnitId { get; set; }
    public string? Address { get; set; }
    public int Version { get; set; }
}

/// <summary>A unit at the centre, permanent (常驻) with its own window or rotating (轮驻、随驻) by the rota.</summary>
public sealed class CentreStationRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CentreId { get; set; }
    public required string UnitName { get; set; }
    /// <summary>The unit in the organisation, when it is one of Fengqiao's.</summary>
    public Guid? UnitId { get; set; }
    public StationingKind Kind { get; set; }
    /// <summary>A permanent unit's window; rotating units take theirs from the rota.</summary>
    public string? Window { get; set; }
    /// <summary>What the unit handles there, as the public page shows it.</summary>
    public string? Services { get; set; }
    public int Position { get; set; }
}

/// <summary>One day of the rota: a rotating unit at a window on a (Beijing) date.</summary>
public sealed class CentreRotaRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CentreId { get; set; }
    public Guid StationId { get; set; }
    public DateOnly Date { get; set; }
    public required string Window { get; set; }
}

/// <summary>
/// A resident received at the centre and the path they chose (自主选择): a mediation of the chosen committee, room or
/// mediator, or a record with the receiving unit.
/// </summary>
public sealed class CentreReceptionRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CentreId { get; set; }
    public DateOnly Day { get; set; }
    public Instant At { get; set; }
    public ResolutionPath Path { get; set; }
    public required string Resident { get; set; }
    public string? OtherParty { get; set; }
    public required string Matter { get; set; }
    public Guid? CommitteeId { get; set; }
    public Guid? RoomId { get; set; }
    public Guid? MediatorId { get; set; }
    /// <summary>The unit at the centre that received a path other than mediation.</summary>
    public Guid? StationId { get; set; }
    /// <summary>The mediation a mediation path opened.</summary>
    public Guid? MediationId { get; set; }
    public required string RecordedBy { get; set; }
}
