using Fengqiao.Data.VillageAssessment;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<VillageIndicatorEntryRecord> VillageIndicatorEntries => Set<VillageIndicatorEntryRecord>();
    public DbSet<AssessmentNoticeRecord> AssessmentNotices => Set<AssessmentNoticeRecord>();

    private void ConfigureVillageAssessment(ModelBuilder builder)
    {
        builder.Entity<VillageIndicatorEntryRecord>(b =>
        {
            b.ToTable("VillageIndicatorEntries");
            b.Property(e => e.VillageCode).HasMaxLength(12);
            b.Property(e => e.IndicatorCode).HasMaxLength(16);
            b.Property(e => e.ValueKind).HasMaxLength(8);
            b.Property(e => e.Evidence).HasMaxLength(4000);
            b.Property(e => e.EnteredBy).HasMaxLength(256);
            b.Property(e => e.Points).HasPrecision(9, 2);
            b.HasIndex(e => new { e.VillageCode, e.Month, e.IndicatorCode }).IsUnique();
            b.HasIndex(e => e.Month);
            b.Property(e => e.Version).IsConcurrencyToken();
            b.HasQueryFilter(e => ScopeAll || (ScopeArea != null && e.VillageCode.StartsWith(ScopeArea)));
        });

        builder.Entity<AssessmentNoticeRecord>(b =>
        {
            b.ToTable("AssessmentNotices");
            b.Property(n => n.AreaCode).HasMaxLength(12);
            b.Property(n => n.Issuer).HasMaxLength(100);
            b.HasIndex(n => new { n.AreaCode, n.Month }).IsUnique();
            // A notice about a town is read by the town and by the district above it.
            b.HasQueryFilter(n => ScopeAll || (ScopeArea != null && (n.AreaCode.StartsWith(ScopeArea) || ScopeArea.StartsWith(n.AreaCode))));
        });
    }
}
