using Fengqiao.Core;
using Fengqiao.Data.Grid;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<GridRecord> Grids => Set<GridRecord>();
    public DbSet<GridMemberRecord> GridMembers => Set<GridMemberRecord>();
    public DbSet<KeyPlaceRecord> KeyPlaces => Set<KeyPlaceRecord>();
    public DbSet<PlannedVisitRecord> PlannedVisits => Set<PlannedVisitRecord>();
    public DbSet<InspectionVisitRecord> InspectionVisits => Set<InspectionVisitRecord>();
    public DbSet<InspectionFindingRecord> InspectionFindings => Set<InspectionFindingRecord>();
    public DbSet<LeaderActivityRecord> LeaderActivities => Set<LeaderActivityRecord>();
    public DbSet<SixQuestionsNoteRecord> SixQuestionsNotes => Set<SixQuestionsNoteRecord>();

    /// <summary>Grid governance, the "双十" assessment, the service menu, outreach, procuratorate and judicial aid.</summary>
    private void ConfigureGridAndServices(ModelBuilder builder)
    {
        ConfigureGrid(builder);
        ConfigureVillageAssessment(builder);
        ConfigureServiceMenu(builder);
        ConfigureOutreach(builder);
        ConfigureProcuratorate(builder);
        ConfigureJudicialAid(builder);
    }

    private void ConfigureGrid(ModelBuilder builder)
    {
        builder.Entity<GridRecord>(b =>
        {
            b.ToTable("Grids");
            b.Property(g => g.Code).HasMaxLength(20);
            b.HasIndex(g => g.Code).IsUnique();
            b.Property(g => g.Name).HasMaxLength(100);
            b.Property(g => g.VillageCode).HasMaxLength(12);
            b.HasIndex(g => g.VillageCode);
            b.HasOne<Organisations.Division>().WithMany().HasForeignKey(g => g.VillageCode).OnDelete(DeleteBehavior.Restrict);
            b.Property(g => g.Version).IsConcurrencyToken();
            // A town sees its villages' grids, the district all of its own; unit-scoped roles see none.
            b.HasQueryFilter(g => ScopeAll || (ScopeArea != null && g.VillageCode.StartsWith(ScopeArea)));
        });

        builder.Entity<GridMemberRecord>(b =>
        {
            b.ToTable("GridMembers");
            b.Property(m => m.Name).HasMaxLength(50);
            b.Property(m => m.Phone).HasMaxLength(20);
            b.Property(m => m.AccountId).HasMaxLength(450);
            b.Ignore(m => m.MemberKey);
            b.HasIndex(m => m.GridId);
            b.HasIndex(m => m.AccountId);
            b.HasOne<GridRecord>().WithMany().HasForeignKey(m => m.GridId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(m => Grids.Any(g => g.Id == m.GridId));
        });

        builder.Entity<KeyPlaceRecord>(b =>
        {
            b.ToTable("KeyPlaces");
            b.Property(p => p.Code).HasMaxLength(20);
            b.Property(p => p.Name).HasMaxLength(100);
            b.Property(p => p.Address).HasMaxLength(200);
            b.HasIndex(p => new { p.GridId, p.Code }).IsUnique();
            b.HasOne<GridRecord>().WithMany().HasForeignKey(p => p.GridId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(p => Grids.Any(g => g.Id == p.GridId));
        });

        builder.Entity<PlannedVisitRecord>(b =>
        {
            b.ToTable("PlannedVisits");
            b.Property(v => v.Id).HasMaxLength(80);
            b.HasIndex(v => new { v.GridId, v.Month });
            b.HasOne<GridRecord>().WithMany().HasForeignKey(v => v.GridId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<KeyPlaceRecord>().WithMany().HasForeignKey(v => v.KeyPlaceId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(v => Grids.Any(g => g.Id == v.GridId));
        });

        builder.Entity<InspectionVisitRecord>(b =>
        {
            b.ToTable("InspectionVisits");
            b.Property(v => v.PlannedVisitId).HasMaxLength(80);
            b.Property(v => v.Inspector).HasMaxLength(450);
            b.Property(v => v.InspectorName).HasMaxLength(100);
            b.Property(v => v.Notes).HasMaxLength(TextLimits.GridVisitText);
            b.HasIndex(v => new { v.GridId, v.At });
            b.HasIndex(v => v.PlannedVisitId);
            b.HasOne<GridRecord>().WithMany().HasForeignKey(v => v.GridId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<KeyPlaceRecord>().WithMany().HasForeignKey(v => v.KeyPlaceId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(v => Grids.Any(g => g.Id == v.GridId));
        });

        builder.Entity<InspectionFindingRecord>(b =>
        {
            b.ToTable("InspectionFindings");
            b.Property(f => f.Title).HasMaxLength(200);
            b.Property(f => f.Description).HasMaxLength(TextLimits.GridVisitText);
            b.Property(f => f.CategoryCode).HasMaxLength(32);
            b.Property(f => f.CaseTrackingCode).HasMaxLength(32);
            b.HasIndex(f => f.VisitId);
            b.HasIndex(f => f.CaseId);
            b.HasOne<InspectionVisitRecord>().WithMany().HasForeignKey(f => f.VisitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Cases.CaseRecord>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Property(f => f.Version).IsConcurrencyToken();
            b.HasQueryFilter(f => InspectionVisits.Any(v => v.Id == f.VisitId));
        });

        builder.Entity<LeaderActivityRecord>(b =>
        {
            b.ToTable("LeaderActivities");
            b.Property(a => a.LeaderName).HasMaxLength(50);
            b.Property(a => a.LeaderPost).HasMaxLength(100);
            b.Property(a => a.VillageCode).HasMaxLength(12);
            b.Property(a => a.Matters).HasMaxLength(4000);
            b.HasIndex(a => new { a.VillageCode, a.Date });
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasQueryFilter(a => ScopeAll || (ScopeArea != null && a.VillageCode.StartsWith(ScopeArea)));
        });

        builder.Entity<SixQuestionsNoteRecord>(b =>
        {
            b.ToTable("SixQuestionsNotes");
            b.Property(n => n.VillageCode).HasMaxLength(12);
            b.Property(n => n.Household).HasMaxLength(100);
            b.Property(n => n.Cadre).HasMaxLength(50);
            foreach (var answer in new[] { "Safety", "Livelihood", "Health", "Disputes", "Difficulties", "Suggestions" })
            {
                b.Property<string>(answer).HasMaxLength(500);
            }
            b.HasIndex(n => new { n.VillageCode, n.Date });
            b.HasQueryFilter(n => ScopeAll || (ScopeArea != null && n.VillageCode.StartsWith(ScopeArea)));
        });
    }
}
