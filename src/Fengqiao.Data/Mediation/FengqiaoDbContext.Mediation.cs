using Fengqiao.Data.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<MediationCommitteeRecord> MediationCommittees => Set<MediationCommitteeRecord>();
    public DbSet<MediationCommitteeMemberRecord> MediationCommitteeMembers => Set<MediationCommitteeMemberRecord>();
    public DbSet<MediationRoomRecord> MediationRooms => Set<MediationRoomRecord>();
    public DbSet<MediatorRecord> Mediators => Set<MediatorRecord>();
    public DbSet<MediationRecord> Mediations => Set<MediationRecord>();
    public DbSet<MediationEventRecord> MediationEvents => Set<MediationEventRecord>();
    public DbSet<MediationInvitationRecord> MediationInvitations => Set<MediationInvitationRecord>();
    public DbSet<MediationApplicantRecord> MediationApplicants => Set<MediationApplicantRecord>();
    public DbSet<MediationCodeRecord> MediationCodes => Set<MediationCodeRecord>();

    // A committee is seen in its area (a village or town account sees the committees sitting there, a district account
    // all of the district's) and by the judicial office guiding it; everything else of the module follows its committee.
    private void ConfigureMediation(ModelBuilder builder)
    {
        builder.Entity<MediationCommitteeRecord>(b =>
        {
            b.ToTable("MediationCommittees");
            b.Property(c => c.Name).HasMaxLength(Core.Mediation.MediationCommittee.MaxName);
            b.Property(c => c.DivisionCode).HasMaxLength(12);
            b.Property(c => c.Field).HasMaxLength(50);
            b.HasIndex(c => c.DivisionCode);
            b.HasIndex(c => c.GuidingUnitId);
            b.HasOne<Organisations.Unit>().WithMany().HasForeignKey(c => c.GuidingUnitId).OnDelete(DeleteBehavior.Restrict);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasQueryFilter(c => ScopeAll
                || (ScopeUnitId != null && c.GuidingUnitId == ScopeUnitId)
                || (ScopeArea != null && c.DivisionCode.StartsWith(ScopeArea)));
        });

        builder.Entity<MediationCommitteeMemberRecord>(b =>
        {
            b.ToTable("MediationCommitteeMembers");
            b.Property(m => m.Name).HasMaxLength(50);
            b.HasIndex(m => new { m.CommitteeId, m.Position }).IsUnique();
            b.HasOne<MediationCommitteeRecord>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Cascade);
            b.HasQueryFilter(m => MediationCommittees.Any(c => c.Id == m.CommitteeId));
        });

        builder.Entity<MediationRoomRecord>(b =>
        {
            b.ToTable("MediationRooms");
            b.Property(r => r.Name).HasMaxLength(Core.Mediation.MediationRoom.MaxName);
            b.Property(r => r.Description).HasMaxLength(2000);
            b.HasIndex(r => r.CommitteeId);
            b.HasOne<MediationCommitteeRecord>().WithMany().HasForeignKey(r => r.CommitteeId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(r => MediationCommittees.Any(c => c.Id == r.CommitteeId));
        });

        builder.Entity<MediatorRecord>(b =>
        {
            b.ToTable("Mediators");
            b.Property(m => m.Name).HasMaxLength(50);
            b.Property(m => m.Specialities).HasMaxLength(500);
            b.Property(m => m.Profile).HasMaxLength(Core.Mediation.Mediator.MaxProfile);
            b.HasIndex(m => m.CommitteeId);
            b.HasOne<MediationCommitteeRecord>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(m => MediationCommittees.Any(c => c.Id == m.CommitteeId));
        });

        builder.Entity<MediationRecord>(b =>
        {
            b.ToTable("Mediations");
            b.Property(m => m.Parties).HasMaxLength(1000);
            b.Property(m => m.Matter).HasMaxLength(Core.TextLimits.Long);
            b.HasIndex(m => m.CommitteeId);
            b.HasIndex(m => m.State);
            b.HasOne<MediationCommitteeRecord>().WithMany().HasForeignKey(m => m.CommitteeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<MediationRoomRecord>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<MediatorRecord>().WithMany().HasForeignKey(m => m.MediatorId).OnDelete(DeleteBehavior.Restrict);
            b.Property(m => m.Version).IsConcurrencyToken();
            b.HasQueryFilter(m => MediationCommittees.Any(c => c.Id == m.CommitteeId));
        });

        builder.Entity<MediationEventRecord>(b =>
        {
            b.ToTable("MediationEvents");
            b.Property(e => e.Kind).HasMaxLength(40);
            b.Property(e => e.Actor).HasMaxLength(256);
            b.Property(e => e.Data).HasMaxLength(4 * Core.TextLimits.Long);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
            b.Property(e => e.Hash).HasMaxLength(64);
            b.HasIndex(e => new { e.MediationId, e.Sequence }).IsUnique();
            b.HasOne<MediationRecord>().WithMany().HasForeignKey(e => e.MediationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(e => Mediations.Any(m => m.Id == e.MediationId));
        });

        builder.Entity<MediationInvitationRecord>(b =>
        {
            b.ToTable("MediationInvitations");
            b.Property(i => i.PartyName).HasMaxLength(50);
            b.Property(i => i.PhoneCipher).HasMaxLength(1000);
            b.Property(i => i.PhoneMasked).HasMaxLength(32);
            b.Property(i => i.TokenHash).HasMaxLength(64);
            b.HasIndex(i => i.TokenHash).IsUnique();
            b.HasIndex(i => i.MediationId);
            b.HasOne<MediationRecord>().WithMany().HasForeignKey(i => i.MediationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(i => Mediations.Any(m => m.Id == i.MediationId));
        });

        builder.Entity<MediationCodeRecord>(b =>
        {
            b.ToTable("MediationCodes");
            b.Property(c => c.Hash).HasMaxLength(64);
            b.HasIndex(c => new { c.InvitationId, c.Purpose, c.IssuedAt });
            b.HasOne<MediationInvitationRecord>().WithMany().HasForeignKey(c => c.InvitationId).OnDelete(DeleteBehavior.Cascade);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasQueryFilter(c => MediationInvitations.Any(i => i.Id == c.InvitationId));
        });

        // An online application's contact follows its mediation's scope.
        builder.Entity<MediationApplicantRecord>(b =>
        {
            b.ToTable("MediationApplicants");
            b.HasKey(a => a.MediationId);
            b.Property(a => a.PhoneCipher).HasMaxLength(1000);
            b.Property(a => a.PhoneMasked).HasMaxLength(32);
            b.Property(a => a.ReceiptCode).HasMaxLength(16);
            b.HasIndex(a => a.ReceiptCode).IsUnique();
            b.HasOne<MediationRecord>().WithOne().HasForeignKey<MediationApplicantRecord>(a => a.MediationId).OnDelete(DeleteBehavior.Restrict);
            b.HasQueryFilter(a => Mediations.Any(m => m.Id == a.MediationId));
        });
    }
}
