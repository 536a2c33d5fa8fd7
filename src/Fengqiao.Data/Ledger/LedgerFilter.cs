using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using NodaTime;

namespace Fengqiao.Data.Ledger;

/// <summary>
/// The ledger's filters (台账筛选). The period is on registration time, start inclusive, end exclusive, so
/// consecutive months never share a case. Every filter narrows; the caller's scope applies underneath.
/// </summary>
public sealed record LedgerFilter(
    Instant From,
    Instant To,
    CaseChannel? Channel = null,
    CaseKind? Kind = null,
    string? CategoryCode = null,
    Guid? UnitId = null,
    string? Area = null,
    CaseState? State = null,
    bool? Overdue = null,
    bool? Repeat = null)
{
    public IQueryable<CaseRecord> Apply(IQueryable<CaseRecord> cases, Instant asOf)
    {
        var q = cases.Where(c => c.RegisteredAt >= From && c.RegisteredAt < To);
        if (Channel is { } channel)
        {
            q = q.Where(c => c.Channel == channel);
        }
        if (Kind is { } kind)
        {
            q = q.Where(c => c.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(CategoryCode))
        {
            q = q.Where(c => c.CategoryCode != null && c.CategoryCode.StartsWith(CategoryCode));
        }
        if (UnitId is { } unit)
        {
            q = q.Where(c => c.HandlingUnitId == unit || c.RegisteringUnitId == unit);
        }
        if (!string.IsNullOrWhiteSpace(Area))
        {
            q = q.Where(c => c.DivisionCode.StartsWith(Area));
        }
        if (State is { } state)
        {
            q = q.Where(c => c.State == state);
        }
        if (Overdue is { } overdue)
        {
            q = overdue ? q.Where(c => c.DueAt != null && c.DueAt <= asOf) : q.Where(c => c.DueAt == null || c.DueAt > asOf);
        }
        if (Repeat is { } repeat)
        {
            q = q.Where(c => c.IsRepeat == repeat);
        }
        return q;
    }

    /// <summary>
    /// True when the monthly roll-up can answer this filter exactly: it keeps no state and no deadline colour (both
    /// change while the case stays in its row), no kind, category or repeat flag (see <see cref="CaseKpiRollup"/>),
    /// and it knows places only down to the town.
    /// </summary>
    public bool RollupAnswers =>
        State is null && Overdue is null && Kind is null && Repeat is null && string.IsNullOrWhiteSpace(CategoryCode)
        && (string.IsNullOrWhiteSpace(Area) || Area.Length <= 9);

    /// <summary>
    /// The same filters as <see cref="Apply"/> on the roll-up's rows of whole months (the period is the caller's).
    /// </summary>
    public IQueryable<CaseKpiRollup> ApplyToRollup(IQueryable<CaseKpiRollup> rows)
    {
        if (!RollupAnswers)
        {
            throw new InvalidOperationException("the roll-up cannot answer a filter on state, deadline, kind, category, repeat or a place finer than a town");
        }
        if (Channel is { } channel)
        {
            rows = rows.Where(r => r.Channel == channel);
        }
        if (UnitId is { } unit)
        {
            rows = rows.Where(r => r.HandlingUnitId == unit || r.RegisteringUnitId == unit);
        }
        if (!string.IsNullOrWhiteSpace(Area))
        {
            // A case lies in an area of at most nine digits exactly when its town does.
            rows = rows.Where(r => r.Town.StartsWith(Area));
        }
        return rows;
    }

    /// <summary>A calendar month in Beijing time as [first instant, first instant of the next month).</summary>
    public static LedgerFilter Month(YearMonth month)
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        return new LedgerFilter(month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant(), month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant());
    }
}
