using Fengqiao.Data.Outreach;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<OutreachEventRecord> OutreachEvents => Set<OutreachEventRecord>();

    private void ConfigureOutreach(ModelBuilder builder)
    {
        builder.Entity<OutreachEventRecord>(b =>
        {
            b.ToTable("OutreachEvents");
            b.Property(e => e.Topic).HasMaxLength(200);
            b.Property(e => e.Place).HasMaxLength(200);
            b.Property(e => e.DivisionCode).HasMaxLength(12);
            b.Property(e => e.Organiser).HasMaxLength(100);
            b.Property(e => e.Photos).HasMaxLength(4000);
            b.HasIndex(e => new { e.DivisionCode, e.Date });
            b.HasQueryFilter(e => ScopeAll || (ScopeArea != null && e.DivisionCode.StartsWith(ScopeArea)));
        });
    }
}
