using Fengqiao.Core;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Contracting;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<CaseContractRecord> CaseContracts => Set<CaseContractRecord>();
    public DbSet<CaseContractLeaderRecord> CaseContractLeaders => Set<CaseContractLeaderRecord>();
    public DbSet<ReceptionScheduleRecord> ReceptionSchedules => Set<ReceptionScheduleRecord>();
    public DbSet<ReceptionCaseRecord> ReceptionCases => Set<ReceptionCaseRecord>();
    public DbSet<FollowUpVisitRecord> FollowUpVisits => Set<FollowUpVisitRecord>();
    public DbSet<LookBackReviewRecord> LookBackReviews => Set<LookBackReviewRecord>();
    public DbSet<WhistleLimitRecord> WhistleLimits => Set<WhistleLimitRecord>();
    public DbSet<RankingNoticeRecord> RankingNotices => Set<RankingNoticeRecord>();

    /// <summary>A staff account's id (not a resident's): what a contract's leaders are matched on.</summary>
    private string? ScopeStaffAccount => Scope.Kind >= ScopeKind.Unit ? Scope.AccountId : null;

    /// <summary>
    /// Leader contracting (包案), reception days, follow-up visits (回访) and look-back reviews (回头看): each hangs on a
    /// case and follows its scope; a schedule belongs to the leader's unit and area. Whistle limits and published
    /// notices are district-wide settings and records.
    /// </summary>
    private void ConfigureContracting(ModelBuilder builder)
    {
        // A leader named in a contract sees it (我的包案) even when the case lies outside the leader's own scope,
        // e.g. a village cadre of a dual contract on a case registered in the next village.
        builder.Entity<CaseContractRecord>(b =>
        {
            b.ToTable("CaseContracts");
            b.Property(c => c.AssignedBy).HasMaxLength(256);
            b.Property(c => c.ReleaseSummary).HasMaxLength(TextLimits.Long);
            b.HasIndex(c => new { c.CaseId, c.State });
            b.HasIndex(c => c.AssignedAt);
            b.Property(c => c.LeaderStaffIds).HasMaxLength(400);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasQueryFilter(c => Cases.Any(x => x.Id == c.CaseId) || (ScopeStaffAccount != null && c.LeaderStaffIds.Contains(ScopeStaffAccount)));
        });

        builder.Entity<CaseContractLeaderRecord>(b =>
        {
            b.ToTable("CaseContractLeaders");
            b.Property(l => l.StaffId).HasMaxLength(64);
            b.Property(l => l.Name).HasMaxLength(200);
            b.HasIndex(l => new { l.ContractId, l.StaffId }).IsUnique();
            b.HasIndex(l => l.StaffId);
            b.HasOne<CaseContractRecord>().WithMany().HasForeignKey(l => l.ContractId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(l => l.ContractLeaderStaffIds).HasMaxLength(400);
            b.HasQueryFilter(l => Cases.Any(x => x.Id == l.CaseId) || (ScopeStaffAccount != null && l.ContractLeaderStaffIds.Contains(ScopeStaffAccount)));
        });

        builder.Entity<ReceptionScheduleRecord>(b =>
        {
            b.ToTable("ReceptionSchedules");
            b.Property(s => s.LeaderStaffId).HasMaxLength(64);
            b.Property(s => s.LeaderName).HasMaxLength(200);
            b.Property(s => s.DivisionCode).HasMaxLength(12);
            b.Property(s => s.Place).HasMaxLength(200);
            b.HasIndex(s => s.LeaderStaffId);
            b.HasIndex(s => s.DivisionCode);
            b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasQueryFilter(s => ScopeAll
                || (ScopeUnitId != null && s.UnitId == ScopeUnitId)
                || (ScopeArea != null && s.DivisionCode.StartsWith(ScopeArea)));
        });

        builder.Entity<ReceptionCaseRecord>(b =>
        {
            b.ToTable("ReceptionCases");
            b.Property(r => r.LeaderStaffId).HasMaxLength(64);
            b.HasIndex(r => r.CaseId).IsUnique();
            b.HasIndex(r => new { r.ScheduleId, r.Date });
            b.HasOne<ReceptionScheduleRecord>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(r => Cases.Any(x => x.Id == r.CaseId));
        });

        builder.Entity<FollowUpVisitRecord>(b =>
        {
            b.ToTable("FollowUpVisits");
            b.Property(v => v.VisitedBy).HasMaxLength(256);
            b.Property(v => v.Notes).HasMaxLength(TextLimits.Long);
            b.HasIndex(v => v.CaseId);
            b.HasIndex(v => new { v.UnitId, v.VisitedAt });
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(v => Cases.Any(x => x.Id == v.CaseId));
        });

        builder.Entity<LookBackReviewRecord>(b =>
        {
            b.ToTable("LookBackReviews");
            b.Property(r => r.Reason).HasMaxLength(TextLimits.Long);
            b.Property(r => r.StartedBy).HasMaxLength(256);
            b.Property(r => r.Findings).HasMaxLength(TextLimits.Long);
            b.Property(r => r.DecidedBy).HasMaxLength(256);
            b.HasIndex(r => r.CaseId);
            b.HasIndex(r => new { r.UnitId, r.StartedAt });
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasQueryFilter(r => Cases.Any(x => x.Id == r.CaseId));
        });

        builder.Entity<WhistleLimitRecord>(b =>
        {
            b.ToTable("WhistleLimits");
            b.HasKey(l => l.Level);
            b.Property(l => l.Level).ValueGeneratedNever();
            b.Property(l => l.UpdatedBy).HasMaxLength(256);
            b.Property(l => l.Version).IsConcurrencyToken();
        });

        builder.Entity<RankingNoticeRecord>(b =>
        {
            b.ToTable("RankingNotices");
            b.Property(n => n.Month).HasMaxLength(7);
            b.Property(n => n.County).HasMaxLength(12);
            b.Property(n => n.IssuerName).HasMaxLength(200);
            b.Property(n => n.PublishedBy).HasMaxLength(256);
            b.Property(n => n.Text).HasMaxLength(TextLimits.Long);
            b.HasIndex(n => new { n.Month, n.PublishedAt });
            b.HasOne<Unit>().WithMany().HasForeignKey(n => n.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
