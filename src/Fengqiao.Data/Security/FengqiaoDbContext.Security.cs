using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<PersonalDataView> PersonalDataViews => Set<PersonalDataView>();

    private void ConfigureSecurity(ModelBuilder builder)
    {
        builder.Entity<ProtectedSecret>(b =>
        {
            b.HasKey(s => s.Name);
            b.Property(s => s.Name).HasMaxLength(100);
            b.Property(s => s.ProtectedValue).HasMaxLength(2000);
        });

        builder.Entity<PersonalDataView>(b =>
        {
            b.Property(v => v.AccountId).HasMaxLength(100);
            b.Property(v => v.AccountName).HasMaxLength(100);
            b.HasIndex(v => new { v.CaseId, v.At });
            b.HasIndex(v => new { v.AccountId, v.At });
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<CaseParty>().WithMany().HasForeignKey(v => v.PartyId).OnDelete(DeleteBehavior.Restrict);
            // The log of a case is visible with the case.
            b.HasQueryFilter(v => Cases.Any(c => c.Id == v.CaseId));
        });
    }
}
