using System.Text.Json;
using Fengqiao.Core.Calendar;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Data.Calendar;

public sealed record CalendarDay(LocalDate Date, string Name);

/// <summary>One year as the editor shows it: where it comes from and the version to send back with a change.</summary>
public sealed record CalendarYearView(int Year, bool Edited, int Version, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays, Instant? UpdatedAt, string? UpdatedBy);

public sealed class CalendarConflictException(int year) : Exception($"{year} 年日历已被他人修改，请刷新后重试 (the {year} calendar was changed by someone else; reload and try again)");

/// <summary>
/// The work calendar an administrator edits (工作日历维护): the shipped years, overridden year by year by what was
/// entered here. Saving validates with Core's rules, refuses a stale version, and swaps the process's calendar at
/// once; other nodes pick the change up on their next refresh.
/// </summary>
public sealed class WorkCalendarStore(FengqiaoDbContext db, CaseRules rules, IClock clock)
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public async Task<WorkCalendar> LoadAsync(CancellationToken cancellationToken = default)
    {
        var calendar = WorkCalendar.China;
        foreach (var record in await db.CalendarYears.AsNoTracking().ToListAsync(cancellationToken))
        {
            calendar = calendar.WithYear(ToYear(record));
        }
        return calendar;
    }

    /// <summary>Reads the stored years and makes them this process's calendar.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => rules.Use(await LoadAsync(cancellationToken));

    public async Task<CalendarYearView> ViewAsync(int year, CancellationToken cancellationToken = default)
    {
        var record = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, cancellationToken);
        var data = record is not null ? ToYear(record) : WorkCalendar.China.Year(year);
        return new CalendarYearView(
            year,
            record is not null,
            record?.Version ?? 0,
            [.. (data?.Holidays ?? Enumerable.Empty<KeyValuePair<LocalDate, string>>()).Select(d => new CalendarDay(d.Key, d.Value))],
            [.. (data?.Workdays ?? Enumerable.Empty<KeyValuePair<LocalDate, string>>()).Select(d => new CalendarDay(d.Key, d.Value))],
            record?.UpdatedAt,
            record?.UpdatedBy);
    }

    /// <summary>
    /// Saves a year. <paramref name="expectedVersion"/> is the version the editor loaded (0 for a year never edited).
    /// Throws <see cref="ArgumentException"/> with a bilingual message for invalid days, and
    /// <see cref="CalendarConflictException"/> when someone saved the year in between.
    /// </summary>
    public async Task<CalendarYearView> SaveAsync(int year, IReadOnlyList<CalendarDay> holidays, IReadOnlyList<CalendarDay> workdays, int expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        // Core checks the year range, days outside the year, duplicates and holiday/workday clashes.
        var validated = CalendarYear.Create(year,
            holidays.Select(d => KeyValuePair.Create(d.Date, d.Name)),
            workdays.Select(d => KeyValuePair.Create(d.Date, d.Name)));
        var record = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year, cancellationToken);
        if ((record?.Version ?? 0) != expectedVersion)
        {
            throw new CalendarConflictException(year);
        }
        if (record is null)
        {
            record = new CalendarYearRecord { Year = year, HolidaysJson = "", WorkdaysJson = "", UpdatedBy = actor, Version = 1 };
            db.CalendarYears.Add(record);
        }
        record.HolidaysJson = ToJson(validated.Holidays);
        record.WorkdaysJson = ToJson(validated.Workdays);
        record.UpdatedAt = clock.GetCurrentInstant();
        record.UpdatedBy = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent first save of the same year (primary key) or a concurrent edit (version token).
            throw new CalendarConflictException(year);
        }
        await RefreshAsync(cancellationToken);
        return await ViewAsync(year, cancellationToken);
    }

    private static string ToJson(IEnumerable<KeyValuePair<LocalDate, string>> days) =>
        JsonSerializer.Serialize(days.ToDictionary(d => Iso.Format(d.Key), d => d.Value));

    private static IEnumerable<KeyValuePair<LocalDate, string>> FromJson(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).Select(d => KeyValuePair.Create(Iso.Parse(d.Key).Value, d.Value));

    private static CalendarYear ToYear(CalendarYearRecord record) => CalendarYear.Create(record.Year, FromJson(record.HolidaysJson), FromJson(record.WorkdaysJson));
}
