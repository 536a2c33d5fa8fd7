using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tidal;

/// <summary>One plan as listed for its unit's planners (潮汐排班方案).</summary>
public sealed record TidalPlanListing(long Id, long DatasetId, string DatasetName, Instant CreatedAt, Instant UpdatedAt, int Edits);

/// <summary>
/// Where the tidal planner's working sets live (潮汐勤务数据与方案): each unit's latest dataset row is the one every
/// node serves that unit's planners, and its latest plan the roster they see. The viewer's scope applies (the query
/// filters on <c>TidalDatasets</c> and <c>TidalPlans</c>), so a planner of another district neither lists nor opens
/// them. Each call opens a short-lived context, so an interactive page may hold this store for its circuit.
/// </summary>
public sealed class TidalStore(IDbContextFactory<FengqiaoDbContext> contexts)
{
    private FengqiaoDbContext Open() => contexts.CreateDbContext();

    /// <summary>The id of the dataset the viewer's unit works on; 0 when it never stored one (the shipped demo).</summary>
    public long LatestDatasetId()
    {
        using var db = Open();
        return db.TidalDatasets.AsNoTracking().OrderByDescending(d => d.Id).Select(d => d.Id).FirstOrDefault();
    }

    /// <summary>A dataset the viewer may see; null for one that does not exist or belongs to another unit.</summary>
    public TidalDatasetRecord? Dataset(long id)
    {
        using var db = Open();
        return db.TidalDatasets.AsNoTracking().SingleOrDefault(d => d.Id == id);
    }

    /// <returns>The new row's id: from now on the working set of the viewer's unit on every node.</returns>
    public long AddDataset(TidalDatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var db = Open();
        // It belongs to the unit of whoever stored it: that unit's planners (and administrators) see it.
        record.UnitId = db.Scope.UnitId;
        db.TidalDatasets.Add(record);
        db.SaveChanges();
        return record.Id;
    }

    /// <summary>The latest plan on a dataset, as (id, version); null when none was solved on it.</summary>
    public (long Id, int Version)? LatestPlan(long datasetId)
    {
        using var db = Open();
        var plan = db.TidalPlans.AsNoTracking().Where(p => p.DatasetId == datasetId).OrderByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Version }).FirstOrDefault();
        return plan is null ? null : (plan.Id, plan.Version);
    }

    /// <summary>A stored plan's payload; null for one that does not exist or belongs to another unit.</summary>
    public byte[]? PlanPayload(long planId)
    {
        using var db = Open();
        return db.TidalPlans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Payload).SingleOrDefault();
    }

    /// <summary>The plans the viewer's unit made, newest first (at most <paramref name="take"/>).</summary>
    public IReadOnlyList<TidalPlanListing> Plans(int take = 50)
    {
        using var db = Open();
        return (from p in db.TidalPlans.AsNoTracking()
                join d in db.TidalDatasets.AsNoTracking() on p.DatasetId equals d.Id
                orderby p.Id descending
                select new TidalPlanListing(p.Id, d.Id, d.Name, p.CreatedAt, p.UpdatedAt, p.Edits)).Take(take).ToList();
    }

    /// <summary>Adds a plan (no key) or replaces the stored one; a stale version means another node edited it first.</summary>
    public (long Id, int Version) SavePlan(long datasetId, byte[] payload, int edits, Instant at, string actor, (long Id, int Version)? existing)
    {
        using var db = Open();
        TidalPlanRecord record;
        if (existing is { Id: > 0 } key)
        {
            record = db.TidalPlans.SingleOrDefault(p => p.Id == key.Id)
                ?? throw new InvalidOperationException("方案不存在 (no such roster)");
            if (record.Version != key.Version)
            {
                throw new InvalidOperationException("方案已被他人修改，请刷新后重试 (the roster was changed by someone else; reload and try again)");
            }

            (record.Payload, record.Edits, record.UpdatedAt) = (payload, edits, at);
        }
        else
        {
            record = new TidalPlanRecord { DatasetId = datasetId, CreatedAt = at, UpdatedAt = at, CreatedBy = actor, Edits = edits, Payload = payload };
            db.TidalPlans.Add(record);
        }

        db.SaveChanges();
        return (record.Id, record.Version);
    }
}
