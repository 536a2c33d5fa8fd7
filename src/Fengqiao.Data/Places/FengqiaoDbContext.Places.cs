using Fengqiao.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<BoundaryRecord> Boundaries => Set<BoundaryRecord>();

    // Boundaries are public geography, not records of anyone: no query filter.
    private void ConfigurePlaces(ModelBuilder builder)
    {
        builder.Entity<BoundaryRecord>(b =>
        {
            b.ToTable("Boundaries");
            b.Property(x => x.Code).HasMaxLength(40);
            b.Property(x => x.DivisionCode).HasMaxLength(12);
            b.Property(x => x.Name).HasMaxLength(BoundaryRecord.NameLength);
            b.Property(x => x.Source).HasMaxLength(BoundaryRecord.SourceLength);
            b.HasIndex(x => new { x.Kind, x.Code }).IsUnique();
            b.HasIndex(x => x.DivisionCode);
        });
    }
}
