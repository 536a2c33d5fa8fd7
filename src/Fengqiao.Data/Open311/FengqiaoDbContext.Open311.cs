using Fengqiao.Data.Open311;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();

    public DbSet<Portal.PortalFailure> PortalFailures => Set<Portal.PortalFailure>();

    private void ConfigureOpen311(ModelBuilder builder)
    {
        // Not scoped: only administrators list clients (the API's policy), and the key check runs before anyone signs in.
        builder.Entity<Open311Client>(b =>
        {
            b.Property(c => c.Name).HasMaxLength(100);
            b.Property(c => c.KeyHash).HasMaxLength(64);
            b.Property(c => c.IssuedBy).HasMaxLength(256);
            b.HasIndex(c => c.KeyHash).IsUnique();
            b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        // Not scoped: the public pages check it before anyone is known.
        builder.Entity<Portal.PortalFailure>(b =>
        {
            b.HasKey(f => f.Client);
            b.Property(f => f.Client).HasMaxLength(64);
            b.HasIndex(f => f.WindowStartedAt);
        });
    }
}
