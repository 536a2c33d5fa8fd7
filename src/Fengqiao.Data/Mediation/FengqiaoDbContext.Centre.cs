using Fengqiao.Data.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<MediationCentreRecord> MediationCentres => Set<MediationCentreRecord>();
    public DbSet<CentreStationRecord> CentreStations => Set<CentreStationRecord>();
    public DbSet<CentreRotaRecord> CentreRota => Set<CentreRotaRecord>();
    public DbSet<CentreReceptionRecord> CentreReceptions => Set<CentreReceptionRecord>();

    // A centre is seen in its area and by the unit running it, like a committee; its stations, rota and receptions follow it.
    // The public page reads today's units through the system scope.
    private void ConfigureCentre(ModelBuilder builder)
    {
        builder.Entity<MediationCentreRecord>(b =>
        {
            b.ToTable("MediationCentres");
            b.Property(c => c.Name).HasMaxLength(100);
            b.Property(c => c.DivisionCode).HasMaxLength(12);
            b.Property(c => c.Address).HasMaxLength(200);
            b.HasIndex(c => c.DivisionCode);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(c => c.OperatorUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasQueryFilter(c => ScopeAll
                || (ScopeUnitId != null && c.OperatorUnitId == ScopeUnitId)
                || (ScopeArea != null && c.DivisionCode.StartsWith(ScopeArea)));
        });

        builder.Entity<CentreStationRecord>(b =>
        {
            b.ToTable("CentreStations");
            b.Property(s => s.UnitName).HasMaxLength(100);
            b.Property(s => s.Window).HasMaxLength(Core.Mediation.CentreRota.MaxWindow);
            b.Property(s => s.Services).HasMaxLength(500);
            b.HasIndex(s => new { s.CentreId, s.Position });
            b.HasOne<MediationCentreRecord>().WithMany().HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(s => MediationCentres.Any(c => c.Id == s.CentreId));
        });

        builder.Entity<CentreRotaRecord>(b =>
        {
            b.ToTable("CentreRota");
            b.Property(r => r.Window).HasMaxLength(Core.Mediation.CentreRota.MaxWindow);
            // The rota's rules, kept by the database too: a unit once a day, a window to one unit a day.
            b.HasIndex(r => new { r.StationId, r.Date }).IsUnique();
            b.HasIndex(r => new { r.CentreId, r.Date, r.Window }).IsUnique();
            b.HasOne<MediationCentreRecord>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CentreStationRecord>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(r => MediationCentres.Any(c => c.Id == r.CentreId));
        });

        builder.Entity<CentreReceptionRecord>(b =>
        {
            b.ToTable("CentreReceptions");
            b.Property(r => r.Resident).HasMaxLength(Core.Mediation.CentreReception.MaxName);
            b.Property(r => r.OtherParty).HasMaxLength(Core.Mediation.CentreReception.MaxName);
            b.Property(r => r.Matter).HasMaxLength(Core.TextLimits.Long);
            b.Property(r => r.RecordedBy).HasMaxLength(256);
            b.HasIndex(r => new { r.CentreId, r.Day });
            b.HasOne<MediationCentreRecord>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<CentreStationRecord>().WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<MediationRecord>().WithMany().HasForeignKey(r => r.MediationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(r => MediationCentres.Any(c => c.Id == r.CentreId));
        });
    }
}
