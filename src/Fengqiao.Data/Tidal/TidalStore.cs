using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tidal;

/// <summary>
/// Where the tidal planner's working set lives (潮汐勤务数据与方案): the latest dataset row is the one every node
/// serves, and its latest plan the roster every node shows. One district-wide working set for the police planners
/// (the planning policy guards who reaches it), so no viewer's scope applies; each call opens a short-lived context
/// of its own, which lets the planner's process-wide workspace hold this store.
/// </summary>
public sealed class TidalStore(DatabaseSettings settings)
{
    private static readonly SystemAccessScopeProvider WholeDistrict = new();

    private FengqiaoDbContext Open() => settings.CreateContext(WholeDistrict);

    /// <summary>The id of the dataset every node serves; 0 when none was ever stored (the shipped demo).</summary>
    public long LatestDatasetId()
    {
        using var db = Open();
        return db.TidalDatasets.AsNoTracking().OrderByDescending(d => d.Id).Select(d => d.Id).FirstOrDefault();
    }

    public TidalDatasetRecord Dataset(long id)
    {
        using var db = Open();
        return db.TidalDatasets.AsNoTracking().Single(d => d.Id == id);
    }

    /// <returns>The new row's id: from now on the working set of every node.</returns>
    public long AddDataset(TidalDatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var db = Open();
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

    public byte[] PlanPayload(long planId)
    {
        using var db = Open();
        return db.TidalPlans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Payload).Single();
    }

    /// <summary>Adds a plan (no key) or replaces the stored one; a stale version means another node edited it first.</summary>
    public (long Id, int Version) SavePlan(long datasetId, byte[] payload, int edits, Instant at, string actor, (long Id, int Version)? existing)
    {
        using var db = Open();
        TidalPlanRecord record;
        if (existing is { Id: > 0 } key)
        {
            record = db.TidalPlans.Single(p => p.Id == key.Id);
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
