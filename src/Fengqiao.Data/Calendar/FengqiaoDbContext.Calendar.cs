using Fengqiao.Data.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data;

public abstract partial class FengqiaoDbContext
{
    public DbSet<CalendarYearRecord> CalendarYears => Set<CalendarYearRecord>();

    private static void ConfigureCalendar(ModelBuilder builder) =>
        builder.Entity<CalendarYearRecord>(b =>
        {
            b.HasKey(y => y.Year);
            b.Property(y => y.Year).ValueGeneratedNever();
            b.Property(y => y.UpdatedBy).HasMaxLength(100);
            b.Property(y => y.Version).IsConcurrencyToken();
        });
}
