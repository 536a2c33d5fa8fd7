using Fengqiao.Data.Tidal;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<TidalDatasetRecord> TidalDatasets => Set<TidalDatasetRecord>();

    public DbSet<TidalPlanRecord> TidalPlans => Set<TidalPlanRecord>();

    private void ConfigureTidal(ModelBuilder builder)
    {
        builder.Entity<TidalDatasetRecord>(b =>
        {
            b.HasKey(d => d.Id);
            b.Property(d => d.Name).HasMaxLength(200);
            b.Property(d => d.ImportedBy).HasMaxLength(100);
            b.HasIndex(d => d.UnitId);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
            // A police planner sees the working sets of the unit they plan for, no other district's.
            b.HasQueryFilter(d => ScopeAll || (ScopeUnitId != null && d.UnitId == ScopeUnitId));
        });
        builder.Entity<TidalPlanRecord>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.CreatedBy).HasMaxLength(100);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasOne<TidalDatasetRecord>().WithMany().HasForeignKey(p => p.DatasetId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(p => p.DatasetId);
            b.HasQueryFilter(p => TidalDatasets.Any(d => d.Id == p.DatasetId));
        });
    }
}
