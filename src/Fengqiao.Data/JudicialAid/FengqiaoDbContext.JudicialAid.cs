using Fengqiao.Data.JudicialAid;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<JudicialAidApplicationRecord> JudicialAidApplications => Set<JudicialAidApplicationRecord>();
    public DbSet<JudicialAidEventRecord> JudicialAidEvents => Set<JudicialAidEventRecord>();

    private void ConfigureJudicialAid(ModelBuilder builder)
    {
        builder.Entity<JudicialAidApplicationRecord>(b =>
        {
            b.ToTable("JudicialAidApplications");
            b.Property(a => a.DivisionCode).HasMaxLength(12);
            b.Property(a => a.Applicant).HasMaxLength(50);
            b.Property(a => a.CaseReference).HasMaxLength(64);
            b.Property(a => a.Circumstances).HasMaxLength(8000);
            b.Property(a => a.DecidedAmount).HasPrecision(12, 2);
            b.Property(a => a.Disbursed).HasPrecision(12, 2);
            b.HasIndex(a => a.UnitId);
            b.HasIndex(a => a.DivisionCode);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasQueryFilter(a => ScopeAll
                || (ScopeUnitId != null && a.UnitId == ScopeUnitId)
                || (ScopeArea != null && a.DivisionCode.StartsWith(ScopeArea)));
        });

        builder.Entity<JudicialAidEventRecord>(b =>
        {
            b.ToTable("JudicialAidEvents");
            b.Property(e => e.Kind).HasMaxLength(32);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.Data).HasMaxLength(8000);
            b.HasIndex(e => new { e.ApplicationId, e.Sequence }).IsUnique();
            b.HasOne<JudicialAidApplicationRecord>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(e => JudicialAidApplications.Any(a => a.Id == e.ApplicationId));
        });
    }
}
