using NodaTime;

namespace Fengqiao.Data.Tidal;

/// <summary>
/// A unit's working incident set for the tidal planner (潮汐勤务警情数据): the unit's latest row is the one every node
/// serves its planners. The
/// incidents are one compact gzipped value (see Fengqiao.Tidal's IncidentCodec), not a row each; null means the
/// demo data the app ships.
/// </summary>
public sealed class TidalDatasetRecord
{
    public long Id { get; set; }

    /// <summary>The unit whose planners work on it (公安分局情指行中心 or 派出所); its plans follow it. Null only for rows stored before units owned them, which only an administrator sees.</summary>
    public Guid? UnitId { get; set; }

    public required string Name { get; set; }
    public Instant ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public long RowsRead { get; set; }
    public int IncidentCount { get; set; }
    public int ErrorCount { get; set; }

    /// <summary>The import's first bad rows (line, message) as JSON, for the report.</summary>
    public required string ErrorsJson { get; set; }
    public byte[]? Incidents { get; set; }
}

/// <summary>A roster run on a dataset (潮汐排班方案): scenario, both rosters, metrics and hand edits, as gzipped JSON.</summary>
public sealed class TidalPlanRecord : IVersioned
{
    public long Id { get; set; }
    public long DatasetId { get; set; }
    public Instant CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public Instant UpdatedAt { get; set; }
    public int Edits { get; set; }
    public required byte[] Payload { get; set; }
    public int Version { get; set; }
}
