using Fengqiao.Data.Procuratorate;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<PublicHearingRecord> PublicHearings => Set<PublicHearingRecord>();
    public DbSet<ProcuratorialSuggestionRecord> ProcuratorialSuggestions => Set<ProcuratorialSuggestionRecord>();

    private void ConfigureProcuratorate(ModelBuilder builder)
    {
        builder.Entity<PublicHearingRecord>(b =>
        {
            b.ToTable("PublicHearings");
            b.Property(h => h.DivisionCode).HasMaxLength(12);
            b.Property(h => h.CaseReference).HasMaxLength(64);
            b.Property(h => h.Subject).HasMaxLength(200);
            b.Property(h => h.Place).HasMaxLength(200);
            b.Property(h => h.Participants).HasMaxLength(4000);
            b.Property(h => h.Summary).HasMaxLength(4000);
            b.Property(h => h.Opinions).HasMaxLength(8000);
            b.HasIndex(h => h.UnitId);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(h => h.Version).IsConcurrencyToken();
            b.HasQueryFilter(h => ScopeAll
                || (ScopeUnitId != null && h.UnitId == ScopeUnitId)
                || (ScopeArea != null && h.DivisionCode.StartsWith(ScopeArea)));
        });

        builder.Entity<ProcuratorialSuggestionRecord>(b =>
        {
            b.ToTable("ProcuratorialSuggestions");
            b.Property(s => s.DivisionCode).HasMaxLength(12);
            b.Property(s => s.DocumentNumber).HasMaxLength(64);
            b.HasIndex(s => s.DocumentNumber).IsUnique();
            b.Property(s => s.RecipientUnit).HasMaxLength(100);
            b.Property(s => s.Subject).HasMaxLength(200);
            b.Property(s => s.Content).HasMaxLength(8000);
            b.Property(s => s.Reply).HasMaxLength(8000);
            b.HasIndex(s => s.UnitId);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasQueryFilter(s => ScopeAll
                || (ScopeUnitId != null && s.UnitId == ScopeUnitId)
                || (ScopeArea != null && s.DivisionCode.StartsWith(ScopeArea)));
        });
    }
}
