using Fengqiao.Core;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Organisations;
using Fengqiao.Data.Whistles;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<WhistleRecord> Whistles => Set<WhistleRecord>();
    public DbSet<WhistleSummonsRecord> WhistleSummonses => Set<WhistleSummonsRecord>();
    public DbSet<WhistleLogEntry> WhistleEvents => Set<WhistleLogEntry>();
    public DbSet<WhistleReferralRecord> WhistleReferrals => Set<WhistleReferralRecord>();
    public DbSet<LetterRecord> Letters => Set<LetterRecord>();
    public DbSet<LetterLogEntry> LetterEvents => Set<LetterLogEntry>();
    public DbSet<LetterNumberSequence> LetterNumberSequences => Set<LetterNumberSequence>();
    public DbSet<LetterRuleRecord> LetterRules => Set<LetterRuleRecord>();
    public DbSet<LetterProposalRecord> LetterProposals => Set<LetterProposalRecord>();

    /// <summary>
    /// Joint dispatch (吹哨报到) and supervision letters. Both hang on a case and follow its scope; a summoned
    /// department also sees the whistles that summon it, and a unit the letters it issued or received, because
    /// they must act on them even when the case itself is another unit's.
    /// </summary>
    private void ConfigureWhistles(ModelBuilder builder)
    {
        builder.Entity<WhistleRecord>(b =>
        {
            b.ToTable("Whistles");
            b.Property(w => w.Reason).HasMaxLength(TextLimits.Long);
            b.Property(w => w.BlownBy).HasMaxLength(256);
            b.HasIndex(w => w.CaseId);
            b.HasIndex(w => new { w.State, w.NextDueAt });
            b.HasIndex(w => w.BlownAt);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(w => w.BlowingUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(w => w.Version).IsConcurrencyToken();
            b.HasQueryFilter(w => Cases.Any(c => c.Id == w.CaseId)
                || (ScopeUnitId != null && WhistleSummonses.Any(s => s.WhistleId == w.Id && s.DepartmentId == ScopeUnitId)));
        });

        builder.Entity<WhistleSummonsRecord>(b =>
        {
            b.ToTable("WhistleSummonses");
            b.Property(s => s.DepartmentName).HasMaxLength(200);
            b.Property(s => s.Task).HasMaxLength(TextLimits.Long);
            b.Property(s => s.Result).HasMaxLength(TextLimits.Long);
            b.Property(s => s.RatingComment).HasMaxLength(TextLimits.Long);
            b.HasIndex(s => new { s.WhistleId, s.DepartmentId }).IsUnique();
            b.HasIndex(s => new { s.DepartmentId, s.Status });
            b.HasOne<WhistleRecord>().WithMany().HasForeignKey(s => s.WhistleId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(s => Cases.Any(c => c.Id == s.CaseId) || (ScopeUnitId != null && s.DepartmentId == ScopeUnitId));
        });

        builder.Entity<WhistleLogEntry>(b =>
        {
            b.ToTable("WhistleEvents");
            b.HasIndex(e => new { e.WhistleId, e.Sequence }).IsUnique();
            b.Property(e => e.Kind).HasMaxLength(64);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
            b.Property(e => e.Hash).HasMaxLength(64);
            b.HasOne<WhistleRecord>().WithMany().HasForeignKey(e => e.WhistleId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(e => Whistles.Any(w => w.Id == e.WhistleId));
        });

        builder.Entity<WhistleReferralRecord>(b =>
        {
            b.ToTable("WhistleReferrals");
            b.Property(r => r.IssuedBy).HasMaxLength(256);
            b.Property(r => r.LetterIds).HasMaxLength(4000);
            b.HasIndex(r => r.WhistleId);
            b.HasOne<WhistleRecord>().WithMany().HasForeignKey(r => r.WhistleId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(r => Whistles.Any(w => w.Id == r.WhistleId));
        });

        builder.Entity<LetterRecord>(b =>
        {
            b.ToTable("Letters");
            b.Property(l => l.IssuerPrefix).HasMaxLength(20);
            b.Property(l => l.Title).HasMaxLength(200);
            b.Property(l => l.RecipientName).HasMaxLength(200);
            b.Property(l => l.Salutation).HasMaxLength(200);
            b.Property(l => l.Body).HasMaxLength(TextLimits.Long);
            b.Property(l => l.SignatureUnit).HasMaxLength(200);
            b.Property(l => l.Number).HasMaxLength(40);
            b.Property(l => l.DraftedBy).HasMaxLength(256);
            b.HasIndex(l => l.Number).IsUnique();
            b.HasIndex(l => l.CaseId);
            b.HasIndex(l => new { l.RecipientUnitId, l.State });
            b.HasIndex(l => l.IssuedAt);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(l => l.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(l => l.RecipientUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(l => l.Version).IsConcurrencyToken();
            b.HasQueryFilter(l => Cases.Any(c => c.Id == l.CaseId)
                || (ScopeUnitId != null && (l.RecipientUnitId == ScopeUnitId || l.IssuingUnitId == ScopeUnitId)));
        });

        builder.Entity<LetterLogEntry>(b =>
        {
            b.ToTable("LetterEvents");
            b.HasIndex(e => new { e.LetterId, e.Sequence }).IsUnique();
            b.Property(e => e.Kind).HasMaxLength(64);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
            b.Property(e => e.Hash).HasMaxLength(64);
            b.HasOne<LetterRecord>().WithMany().HasForeignKey(e => e.LetterId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(e => Letters.Any(l => l.Id == e.LetterId));
        });

        builder.Entity<LetterNumberSequence>(b =>
        {
            b.HasKey(s => new { s.IssuingUnitId, s.Type, s.Year });
            b.Property(s => s.IssuerPrefix).HasMaxLength(20);
            b.Property(s => s.Version).IsConcurrencyToken();
        });

        builder.Entity<LetterRuleRecord>(b =>
        {
            b.ToTable("LetterRules");
            b.HasKey(r => r.Code);
            b.Property(r => r.Code).HasMaxLength(64);
            b.Property(r => r.Name).HasMaxLength(200);
            b.Property(r => r.Version).IsConcurrencyToken();
        });

        builder.Entity<LetterProposalRecord>(b =>
        {
            b.ToTable("LetterProposals");
            b.Property(p => p.CaseCode).HasMaxLength(32);
            b.Property(p => p.RuleCode).HasMaxLength(64);
            b.Property(p => p.RuleName).HasMaxLength(200);
            b.Property(p => p.Why).HasMaxLength(1000);
            b.Property(p => p.DecidedBy).HasMaxLength(256);
            // One proposal per case and rule, however often the sweep runs or on however many nodes.
            b.HasIndex(p => new { p.CaseId, p.RuleCode }).IsUnique();
            b.HasIndex(p => new { p.State, p.ProposedAt });
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasQueryFilter(p => Cases.Any(c => c.Id == p.CaseId));
        });
    }
}
