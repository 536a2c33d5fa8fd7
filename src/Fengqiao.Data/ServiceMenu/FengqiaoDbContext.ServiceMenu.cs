using Fengqiao.Data.ServiceMenu;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<ServiceOfferingRecord> ServiceOfferings => Set<ServiceOfferingRecord>();
    public DbSet<ServiceProviderRecord> ServiceProviders => Set<ServiceProviderRecord>();
    public DbSet<ProviderFreeSlotRecord> ProviderFreeSlots => Set<ProviderFreeSlotRecord>();
    public DbSet<ServiceOrderRecord> ServiceOrders => Set<ServiceOrderRecord>();
    public DbSet<ServiceOrderEventRecord> ServiceOrderEvents => Set<ServiceOrderEventRecord>();

    private void ConfigureServiceMenu(ModelBuilder builder)
    {
        // The catalogue and the providers are public: residents choose from them on the portal.
        builder.Entity<ServiceOfferingRecord>(b =>
        {
            b.ToTable("ServiceOfferings");
            b.HasKey(o => o.Code);
            b.Property(o => o.Code).HasMaxLength(32);
            b.Property(o => o.Name).HasMaxLength(100);
            b.Property(o => o.Topics).HasMaxLength(2000);
            b.Property(o => o.Orderers).HasMaxLength(20);
        });

        builder.Entity<ServiceProviderRecord>(b =>
        {
            b.ToTable("ServiceProviders");
            b.Property(p => p.Name).HasMaxLength(50);
            b.Property(p => p.Organisation).HasMaxLength(100);
            b.Property(p => p.Kinds).HasMaxLength(40);
            b.Property(p => p.Topics).HasMaxLength(2000);
            b.Property(p => p.Areas).HasMaxLength(400);
            b.Property(p => p.AccountId).HasMaxLength(450);
            b.Property(p => p.Version).IsConcurrencyToken();
        });

        builder.Entity<ProviderFreeSlotRecord>(b =>
        {
            b.ToTable("ProviderFreeSlots");
            b.HasIndex(s => new { s.ProviderId, s.Start });
            b.HasOne<ServiceProviderRecord>().WithMany().HasForeignKey(s => s.ProviderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServiceOrderRecord>(b =>
        {
            b.ToTable("ServiceOrders");
            b.Property(o => o.TrackingCode).HasMaxLength(32);
            b.HasIndex(o => o.TrackingCode).IsUnique();
            b.Property(o => o.OfferingCode).HasMaxLength(32);
            b.Property(o => o.OrdererName).HasMaxLength(100);
            b.Property(o => o.ContactPhoneCipher).HasMaxLength(400);
            b.Property(o => o.ContactPhoneIndex).HasMaxLength(32);
            b.Property(o => o.LegacyContactPhone).HasColumnName("ContactPhone").HasMaxLength(20);
            b.Property(o => o.CreditCode).HasMaxLength(18);
            b.Property(o => o.OrdererAccountId).HasMaxLength(450);
            b.Property(o => o.DivisionCode).HasMaxLength(12);
            b.Property(o => o.Topic).HasMaxLength(100);
            b.Property(o => o.Comment).HasMaxLength(1000);
            b.HasIndex(o => o.DivisionCode);
            b.HasIndex(o => o.ProviderId);
            b.HasOne<ServiceOfferingRecord>().WithMany().HasForeignKey(o => o.OfferingCode).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ServiceProviderRecord>().WithMany().HasForeignKey(o => o.ProviderId).OnDelete(DeleteBehavior.Restrict);
            b.Property(o => o.Version).IsConcurrencyToken();
            b.HasQueryFilter(o => ScopeAll
                || (ScopeArea != null && o.DivisionCode.StartsWith(ScopeArea))
                || (ScopeOwnAccount != null && o.OrdererAccountId == ScopeOwnAccount)
                // A provider's own account sees the orders matched to that provider, and no others.
                || (ScopeOwnAccount != null && o.ProviderId != null && ServiceProviders.Any(p => p.Id == o.ProviderId && p.AccountId == ScopeOwnAccount)));
        });

        builder.Entity<ServiceOrderEventRecord>(b =>
        {
            b.ToTable("ServiceOrderEvents");
            b.Property(e => e.Kind).HasMaxLength(32);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.Note).HasMaxLength(1000);
            b.HasIndex(e => new { e.OrderId, e.Sequence }).IsUnique();
            b.HasOne<ServiceOrderRecord>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(e => ServiceOrders.Any(o => o.Id == e.OrderId));
        });
    }
}
