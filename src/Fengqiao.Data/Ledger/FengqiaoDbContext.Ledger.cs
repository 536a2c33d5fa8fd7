using Fengqiao.Core.Ledger;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<CaseKpiRollup> CaseKpiRollups => Set<CaseKpiRollup>();

    private void ConfigureLedger(ModelBuilder builder)
    {
        builder.Entity<CaseKpiRollup>(b =>
        {
            b.ToTable("CaseKpiRollups");
            b.HasKey(r => new { r.Month, r.HandlingUnitId, r.RegisteringUnitId, r.Town, r.Channel });
            b.Property(r => r.Town).HasMaxLength(12);
            // The same rule as Cases, on the columns the roll-up keeps. KpiQueries reads the roll-up only for scopes these
            // columns decide exactly (not Own, and an area no finer than a town); otherwise it counts the cases.
            b.HasQueryFilter(r => ScopeAll
                || (ScopeUnitId != null && (r.RegisteringUnitId == ScopeUnitId || r.HandlingUnitId == ScopeUnitId))
                || (ScopeArea != null && r.Town.StartsWith(ScopeArea)));
        });
        // The cases still waiting for a decision or a reply: the only ones whose KPI counts change with the as-of
        // instant, counted live beside the roll-up. A small partial index, so that count does not scan the month.
        builder.Entity<CaseRecord>()
            .HasIndex(c => c.RegisteredAt, "IX_Cases_RegisteredAt_Pending")
            .HasFilter("(\"DecidedAt\" IS NULL AND \"DecisionDueAt\" IS NOT NULL) OR (\"RepliedAt\" IS NULL AND \"ReplyDueAt\" IS NOT NULL)");
    }

    /// <summary>
    /// Saves, and moves every changed case's settled KPI counts from its old roll-up row to its new one in the same
    /// transaction, so the roll-up and the ledger columns can never disagree.
    /// </summary>
    private int SaveWithKpiRollup(bool acceptAllChangesOnSuccess)
    {
        var changes = KpiRollupChanges();
        if (changes.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            foreach (var (sql, parameters) in KpiRollupSql.Upserts(this, changes))
            {
                Database.ExecuteSqlRaw(sql, parameters);
            }
            return saved;
        }
        using var transaction = Database.BeginTransaction();
        int count;
        using (NoAutoSavepoints())
        {
            count = base.SaveChanges(acceptAllChangesOnSuccess: false);
        }
        foreach (var (sql, parameters) in KpiRollupSql.Upserts(this, changes))
        {
            Database.ExecuteSqlRaw(sql, parameters);
        }
        transaction.Commit();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return count;
    }

    private async Task<int> SaveWithKpiRollupAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var changes = KpiRollupChanges();
        if (changes.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (sql, parameters) in KpiRollupSql.Upserts(this, changes))
            {
                await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
            }
            return saved;
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        int count;
        using (NoAutoSavepoints())
        {
            count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        }
        foreach (var (sql, parameters) in KpiRollupSql.Upserts(this, changes))
        {
            await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return count;
    }

    // The save's transaction is the method's own and is rolled back whole on failure: a savepoint around the save
    // would only cost a round trip.
    private AutoSavepointsOff NoAutoSavepoints()
    {
        Database.AutoSavepointsEnabled = false;
        return new AutoSavepointsOff(Database);
    }

    private readonly struct AutoSavepointsOff(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) : IDisposable
    {
        public void Dispose() => database.AutoSavepointsEnabled = true;
    }

    /// <summary>Per roll-up row, the change in settled counts of the cases about to be saved (new minus old); zero changes left out.</summary>
    private Dictionary<CaseKpiRollupKey, SettledCounts> KpiRollupChanges()
    {
        var changes = new Dictionary<CaseKpiRollupKey, SettledCounts>();
        foreach (var entry in ChangeTracker.Entries<CaseRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                var before = (CaseRecord)entry.OriginalValues.ToObject();
                var key = KpiRollupSql.KeyOf(before);
                changes[key] = changes.GetValueOrDefault(key) - KpiRollupSql.CountsOf(before);
            }
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var key = KpiRollupSql.KeyOf(entry.Entity);
                changes[key] = changes.GetValueOrDefault(key) + KpiRollupSql.CountsOf(entry.Entity);
            }
        }
        foreach (var key in changes.Where(c => c.Value.IsZero).Select(c => c.Key).ToList())
        {
            changes.Remove(key);
        }
        return changes;
    }
}
