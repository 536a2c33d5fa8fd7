using Fengqiao.Core.Suggestions;
using Fengqiao.Data.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<SuggestionRecord> Suggestions => Set<SuggestionRecord>();

    // A suggestion is seen by the staff of its town's area (the town, its district, the city above); the public list
    // reads through a context acting as the system and shows only answered ones, never the contact.
    private void ConfigureSuggestions(ModelBuilder builder)
    {
        builder.Entity<SuggestionRecord>(b =>
        {
            b.ToTable("Suggestions");
            b.Property(s => s.ReceiptCode).HasMaxLength(16);
            b.HasIndex(s => s.ReceiptCode).IsUnique();
            b.Property(s => s.Title).HasMaxLength(SuggestionRules.MaxTitle);
            b.Property(s => s.Text).HasMaxLength(SuggestionRules.MaxText);
            b.Property(s => s.ContactCipher).HasMaxLength(1000);
            b.Property(s => s.ContactMasked).HasMaxLength(SuggestionRules.MaxContact);
            b.Property(s => s.TownCode).HasMaxLength(12);
            b.Property(s => s.Reply).HasMaxLength(SuggestionRules.MaxAnswer);
            b.Property(s => s.AnsweredBy).HasMaxLength(256);
            b.Property(s => s.Outcome).HasMaxLength(SuggestionRules.MaxAnswer);
            b.HasIndex(s => s.TownCode);
            b.HasIndex(s => s.State);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasQueryFilter(s => ScopeAll || (ScopeArea != null && s.TownCode.StartsWith(ScopeArea)));
        });
    }
}
