using Fengqiao.Core;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Organisations;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

/// <summary>
/// The one database of Fengqiao. Provider-specific subclasses (<see cref="SqliteFengqiaoDbContext"/>,
/// <see cref="PostgresFengqiaoDbContext"/>) only carry their own migrations and type mappings.
/// The scope rule is applied here, as query filters, so no page or endpoint can forget it.
/// </summary>
public abstract partial class FengqiaoDbContext : IdentityDbContext<StaffUser, IdentityRole, string>, IDataProtectionKeyContext
{
    private readonly IAccessScopeProvider? _scopeProvider;

    protected FengqiaoDbContext(DbContextOptions options, IAccessScopeProvider? scopeProvider)
        : base(options)
    {
        _scopeProvider = scopeProvider;
    }

    /// <summary>
    /// Read at every query, not at construction: a context can be created (by Identity, say) before the request's
    /// principal is known, and must still filter by the principal when it queries.
    /// </summary>
    public AccessScope Scope => _onBehalf ?? _scopeProvider?.Current ?? AccessScope.Nobody;

    private AccessScope? _onBehalf;

    /// <summary>
    /// Work done for someone without an account (a resident on the portal, an Open311 client's report): the desk that
    /// does it sees with system scope until the returned handle is disposed, so no page or endpoint has to lift scope.
    /// </summary>
    public IDisposable OnBehalfOfThePublic()
    {
        var previous = _onBehalf;
        _onBehalf = AccessScope.System;
        return new Restore(this, previous);
    }

    private sealed class Restore(FengqiaoDbContext db, AccessScope? previous) : IDisposable
    {
        public void Dispose() => db._onBehalf = previous;
    }

    // The query filters read these members of the context, so EF parameterises them per query.
    private bool ScopeAll => Scope.SeesAll;
    private Guid? ScopeUnitId => Scope.Kind >= ScopeKind.Unit ? Scope.UnitId : null;
    private string? ScopeArea => Scope.Area?.Value;
    private string? ScopeOwnAccount => Scope.Kind == ScopeKind.Own ? Scope.AccountId : null;

    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseParty> CaseParties => Set<CaseParty>();
    public DbSet<CaseNumberSequence> CaseNumberSequences => Set<CaseNumberSequence>();
    public DbSet<Infrastructure.Lease> Leases => Set<Infrastructure.Lease>();
    public DbSet<Categories.Category> Categories => Set<Categories.Category>();
    public DbSet<Attachments.CaseAttachment> CaseAttachments => Set<Attachments.CaseAttachment>();
    public DbSet<Notices.Notice> Notices => Set<Notices.Notice>();

    /// <summary>ASP.NET Core Data Protection keys, shared by every web node so a cookie from one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(100);
            b.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Division>(b =>
        {
            b.HasKey(d => d.Code);
            b.Property(d => d.Code).HasMaxLength(12);
            b.Property(d => d.Name).HasMaxLength(100);
            b.Property(d => d.ParentCode).HasMaxLength(12);
            b.HasIndex(d => d.ParentCode);
        });

        builder.Entity<Unit>(b =>
        {
            b.Property(u => u.Name).HasMaxLength(100);
            b.Property(u => u.DivisionCode).HasMaxLength(12);
            b.Property(u => u.DocumentPrefix).HasMaxLength(20);
            b.HasOne<Division>().WithMany().HasForeignKey(u => u.DivisionCode).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(u => new { u.DivisionCode, u.Name }).IsUnique();
            b.Property(u => u.Version).IsConcurrencyToken();
        });

        builder.Entity<Resident>(b =>
        {
            b.Property(r => r.Name).HasMaxLength(50);
            b.Property(r => r.IdNumberCipher).HasMaxLength(400);
            b.Property(r => r.IdNumberIndex).HasMaxLength(32);
            b.Property(r => r.IdNumberMasked).HasMaxLength(20);
            b.Property(r => r.PhoneCipher).HasMaxLength(400);
            b.Property(r => r.PhoneIndex).HasMaxLength(32);
            b.Property(r => r.PhoneMasked).HasMaxLength(20);
            b.Property(r => r.DivisionCode).HasMaxLength(12);
            b.HasIndex(r => r.IdNumberIndex);
            b.HasIndex(r => r.AccountId);
            b.Property(r => r.Version).IsConcurrencyToken();
            // A resident is visible with the area, to the resident, or through any case the viewer may see.
            b.HasQueryFilter(r => ScopeAll
                || (ScopeArea != null && r.DivisionCode.StartsWith(ScopeArea))
                || (ScopeOwnAccount != null && r.AccountId == ScopeOwnAccount)
                || Cases.Any(c => c.ResidentId == r.Id));
        });

        builder.Entity<CaseRecord>(b =>
        {
            b.ToTable("Cases");
            b.Property(c => c.TrackingCode).HasMaxLength(32);
            b.HasIndex(c => c.TrackingCode).IsUnique();
            b.Property(c => c.Title).HasMaxLength(TextLimits.Title);
            b.Property(c => c.CategoryCode).HasMaxLength(32);
            b.Property(c => c.DivisionCode).HasMaxLength(12);
            b.HasIndex(c => c.DivisionCode);
            b.HasIndex(c => c.RegisteringUnitId);
            b.HasIndex(c => c.HandlingUnitId);
            // Covering on PostgreSQL: a month's KPIs become an index-only scan (measured 22-32 % faster at 10 M cases,
            // docs/benchmarks.md). SQLite ignores INCLUDE and keeps a plain index.
            b.HasIndex(c => c.RegisteredAt).IncludeProperties(c => new
            {
                c.Channel, c.DivisionCode, c.HandlingUnitId, c.CategoryCode, c.ResolvedOnTheSpot, c.DecidedAt, c.DecisionDueAt,
                c.RepliedAt, c.ReplyDueAt, c.ClosedAt, c.ClosedWithinDays, c.Rating, c.RegisteringUnitId, c.ResidentAccountId,
            });
            b.HasOne<Unit>().WithMany().HasForeignKey(c => c.RegisteringUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(c => c.HandlingUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.QueryCode).HasMaxLength(16);
            b.Property(c => c.ProfileCode).HasMaxLength(32);
            b.Property(c => c.Address).HasMaxLength(300);
            b.Property(c => c.MediaUrl).HasMaxLength(500);
            b.Property(c => c.RegisteredBy).HasMaxLength(256);
            b.Property(c => c.FirstContact).HasMaxLength(256);
            b.Property(c => c.RepeatOf).HasMaxLength(400);
            b.Property(c => c.IdempotencyKey).HasMaxLength(100);
            b.Property(c => c.ContractLeaderStaffIds).HasMaxLength(800);
            b.HasIndex(c => c.IdempotencyKey).IsUnique();
            b.HasIndex(c => c.DueAt);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasQueryFilter(c => ScopeAll
                || (ScopeUnitId != null && (c.RegisteringUnitId == ScopeUnitId || c.HandlingUnitId == ScopeUnitId))
                || (ScopeArea != null && c.DivisionCode.StartsWith(ScopeArea))
                || (ScopeOwnAccount != null && c.ResidentAccountId == ScopeOwnAccount)
                || (ScopeStaffAccount != null && c.ContractLeaderStaffIds != null && c.ContractLeaderStaffIds.Contains(ScopeStaffAccount)));
        });

        builder.Entity<CaseParty>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(50);
            b.Property(p => p.IdNumberCipher).HasMaxLength(400);
            b.Property(p => p.IdNumberIndex).HasMaxLength(32);
            b.Property(p => p.IdNumberMasked).HasMaxLength(20);
            b.Property(p => p.PhoneCipher).HasMaxLength(400);
            b.Property(p => p.PhoneIndex).HasMaxLength(32);
            b.Property(p => p.PhoneMasked).HasMaxLength(20);
            b.HasIndex(p => p.CaseId);
            b.HasIndex(p => p.ResidentId);
            b.HasIndex(p => p.IdNumberIndex);
            // The repeat-petition check looks parties up by phone when there is no ID number.
            b.HasIndex(p => p.PhoneIndex);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Resident>().WithMany().HasForeignKey(p => p.ResidentId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(p => Cases.Any(c => c.Id == p.CaseId));
        });

        builder.Entity<Attachments.CaseAttachment>(b =>
        {
            b.Property(a => a.FileName).HasMaxLength(200);
            b.Property(a => a.ContentType).HasMaxLength(100);
            b.Property(a => a.Sha256).HasMaxLength(64);
            b.Property(a => a.UploadedBy).HasMaxLength(256);
            b.HasIndex(a => a.CaseId);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(a => Cases.Any(c => c.Id == a.CaseId));
        });

        builder.Entity<Categories.Category>(b =>
        {
            b.HasKey(c => c.Code);
            b.Property(c => c.Code).HasMaxLength(32);
            b.Property(c => c.Name).HasMaxLength(100);
            b.Property(c => c.ParentCode).HasMaxLength(32);
            b.HasIndex(c => c.ParentCode);
        });

        builder.Entity<Infrastructure.Lease>(b =>
        {
            b.HasKey(l => l.Name);
            b.Property(l => l.Name).HasMaxLength(64);
            b.Property(l => l.Holder).HasMaxLength(128);
        });

        builder.Entity<Notices.Notice>(b =>
        {
            b.HasIndex(n => n.DedupKey).IsUnique();
            b.Property(n => n.DedupKey).HasMaxLength(200);
            b.Property(n => n.Kind).HasMaxLength(64);
            b.Property(n => n.Subject).HasMaxLength(300);
            b.Property(n => n.AccountId).HasMaxLength(450);
            b.Property(n => n.Address).HasMaxLength(256);
            b.Property(n => n.LastError).HasMaxLength(500);
            b.HasIndex(n => new { n.UnitId, n.SentAt });
            b.HasIndex(n => n.SentAt);
        });

        builder.Entity<CaseNumberSequence>(b =>
        {
            b.HasKey(s => new { s.Prefix, s.Year });
            b.Property(s => s.Prefix).HasMaxLength(16);
        });

        builder.Entity<CaseEvent>(b =>
        {
            b.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
            b.Property(e => e.Kind).HasMaxLength(64);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
            b.Property(e => e.Hash).HasMaxLength(64);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
            // Events follow their case's visibility.
            b.HasQueryFilter(e => Cases.Any(c => c.Id == e.CaseId));
        });

        // Each feature keeps its tables in its own partial file (Whistles/FengqiaoDbContext.Whistles.cs, …).
        ConfigureModules(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return SaveWithKpiRollup(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return SaveWithKpiRollupAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is Audit.IChainedLogEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("留痕日志只能追加，不能修改或删除 (event logs are append-only)");
            }
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
            {
                versioned.Version++;
            }
        }
    }
}
