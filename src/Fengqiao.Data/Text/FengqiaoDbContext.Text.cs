using Fengqiao.Core;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<RoutingFeedback> RoutingFeedback => Set<RoutingFeedback>();

    private void ConfigureText(ModelBuilder builder)
    {
        builder.Entity<RoutingFeedback>(b =>
        {
            b.Property(f => f.Title).HasMaxLength(200);
            b.Property(f => f.Detail).HasMaxLength(TextLimits.Long);
            b.Property(f => f.SuggestedCategory).HasMaxLength(100);
            b.Property(f => f.ChosenCategory).HasMaxLength(100);
            b.Property(f => f.By).HasMaxLength(256);
            b.HasIndex(f => f.CaseId);
            b.HasOne<CaseRecord>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            // Feedback follows its case.
            b.HasQueryFilter(f => Cases.Any(c => c.Id == f.CaseId));
        });
    }
}
