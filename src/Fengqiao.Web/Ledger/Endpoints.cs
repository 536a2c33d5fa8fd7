using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using Fengqiao.Data.Ledger;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Ledger;

public sealed record LedgerRows(int Total, IReadOnlyList<LedgerRow> Rows);

public sealed record KpiReport(string From, string To, Instant AsOf, CaseKpis Total, KpiDimension? By, IReadOnlyList<KpiRow> Rows);

/// <summary>The ledger (台账), its Excel export, and the KPIs, all over the same filters and the caller's scope.</summary>
public static class Endpoints
{
    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Policies.Staff).WithTags("Ledger");
        group.MapGet("/ledger", Page).WithSummary("Ledger rows (personal data masked); from/to are Beijing dates, to exclusive");
        group.MapGet("/ledger/export.xlsx", Export).WithSummary("The filtered ledger as an Excel workbook");
        group.MapGet("/kpis", Kpis).WithSummary("KPIs of the cases registered in the period (docs/kpi-definitions.md), optionally by a dimension");
    }

    private static async Task<Results<Ok<LedgerRows>, ValidationProblem>> Page(HttpRequest request, LedgerDesk desk, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (!LedgerParameters.TryRead(request.Query, now, out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        var skip = int.TryParse(request.Query["skip"], out var s) ? Math.Max(0, s) : 0;
        var take = int.TryParse(request.Query["take"], out var t) ? Math.Clamp(t, 1, 500) : 50;
        var (total, rows) = await desk.PageAsync(filter, now, skip, take, ct);
        return TypedResults.Ok(new LedgerRows(total, rows));
    }

    private static async Task<Results<FileStreamHttpResult, ValidationProblem>> Export(HttpRequest request, LedgerDesk desk, IClock clock, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (!LedgerParameters.TryRead(request.Query, now, out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        // MiniExcel writes row by row from the database cursor: a year's ledger never sits in memory whole.
        var buffer = new MemoryStream();
        await desk.ExportAsync(filter, now, rows => buffer.SaveAsAsync(ExcelRows(rows, l), cancellationToken: ct), ct);
        buffer.Position = 0;
        var name = $"ledger-{LocalDatePattern.Iso.Format(filter.From.InZone(Display.Shanghai).Date)}.xlsx";
        return TypedResults.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<Results<Ok<KpiReport>, ValidationProblem>> Kpis(HttpRequest request, LedgerDesk desk, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (!LedgerParameters.TryRead(request.Query, now, out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        KpiDimension? by = null;
        if (request.Query["by"] is { Count: > 0 } byText)
        {
            if (!Enum.TryParse<KpiDimension>(byText, ignoreCase: true, out var dimension))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["by"] = [BilingualText.Pick("分组只能是 channel、town、handlingUnit 或 category (by must be channel, town, handlingUnit or category)")] });
            }
            by = dimension;
        }
        var total = await desk.TotalAsync(filter, now, ct);
        var rows = by is { } d ? await desk.ByAsync(filter, now, d, ct) : [];
        return TypedResults.Ok(new KpiReport(LedgerParameters.Format(filter.From), LedgerParameters.Format(filter.To), now, total, by, rows));
    }

    private static IEnumerable<Dictionary<string, object?>> ExcelRows(IEnumerable<LedgerRow> rows, IStringLocalizer<Strings> l)
    {
        foreach (var r in rows)
        {
            yield return new Dictionary<string, object?>
            {
                [l["Cases.Code"]] = r.TrackingCode,
                [l["Cases.Registered"]] = Display.Time(r.RegisteredAt),
                [l["Cases.Channel"]] = l.Of(r.Channel),
                [l["Cases.Kind"]] = l.Of(r.Kind),
                [l["Cases.Subject"]] = r.Title,
                [l["Cases.Place"]] = r.Place ?? r.DivisionCode,
                [l["Cases.HandlingUnit"]] = r.HandlingUnit,
                [l["Cases.State"]] = l.Of(r.State),
                [l["Case.Due"]] = r.DueAt is { } due ? Display.Time(due) : null,
                [l["Ledger.Overdue"]] = r.Overdue ? l["Common.Yes"].Value : null,
                [l["Ledger.Repeat"]] = r.IsRepeat ? l["Common.Yes"].Value : null,
                [l["Intake.Name"]] = r.Petitioner,
                [l["Intake.IdNumber"]] = r.IdNumberMasked,
                [l["Intake.Phone"]] = r.PhoneMasked,
                [l["Case.Rating"]] = r.Rating is { } rating ? l.Of(rating) : null,
            };
        }
    }
}

/// <summary>Reads the ledger filters from a query string, with a field message for every bad value.</summary>
public static class LedgerParameters
{
    public static string Format(Instant instant) => LocalDatePattern.Iso.Format(instant.InZone(Display.Shanghai).Date);

    public static bool TryRead(IQueryCollection query, Instant now, out LedgerFilter filter, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var today = now.InZone(Display.Shanghai).Date;
        var month = new YearMonth(today.Year, today.Month);
        var from = Date(query, "from", month.OnDayOfMonth(1), errors);
        var to = Date(query, "to", month.PlusMonths(1).OnDayOfMonth(1), errors);
        if (errors.Count == 0 && to <= from)
        {
            errors["to"] = [BilingualText.Pick("结束日期应晚于开始日期 (to must be after from)")];
        }
        var channel = Enum<CaseChannel>(query, "channel", errors);
        var kind = Enum<CaseKind>(query, "kind", errors);
        var state = Enum<CaseState>(query, "state", errors);
        Guid? unit = null;
        if (query["unit"] is { Count: > 0 } unitText && !string.IsNullOrWhiteSpace(unitText))
        {
            if (Guid.TryParse(unitText, out var u))
            {
                unit = u;
            }
            else
            {
                errors["unit"] = [BilingualText.Pick("单位编号无效 (unit must be a unit id)")];
            }
        }
        string? area = null;
        if (query["area"] is { Count: > 0 } areaText && !string.IsNullOrWhiteSpace(areaText))
        {
            if (Core.Organisations.DivisionCode.TryParse(areaText, out var code, out var error))
            {
                area = code.Value;
            }
            else
            {
                errors["area"] = [BilingualText.Pick(error)];
            }
        }
        var overdue = Bool(query, "overdue", errors);
        var repeat = Bool(query, "repeat", errors);
        filter = new LedgerFilter(
            from.AtStartOfDayInZone(Display.Shanghai).ToInstant(), to.AtStartOfDayInZone(Display.Shanghai).ToInstant(),
            channel, kind, query["category"].FirstOrDefault(), unit, area, state, overdue, repeat);
        return errors.Count == 0;
    }

    private static LocalDate Date(IQueryCollection query, string key, LocalDate fallback, Dictionary<string, string[]> errors)
    {
        if (query[key] is not { Count: > 0 } text || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var parsed = LocalDatePattern.Iso.Parse(text.ToString());
        if (parsed.Success)
        {
            return parsed.Value;
        }
        errors[key] = [BilingualText.Pick($"日期格式应为 yyyy-MM-dd：{text} (dates are yyyy-MM-dd)")];
        return fallback;
    }

    private static T? Enum<T>(IQueryCollection query, string key, Dictionary<string, string[]> errors) where T : struct, System.Enum
    {
        if (query[key] is not { Count: > 0 } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }
        errors[key] = [BilingualText.Pick($"{key} 的取值无效：{text} (unknown {key})")];
        return null;
    }

    private static bool? Bool(IQueryCollection query, string key, Dictionary<string, string[]> errors)
    {
        if (query[key] is not { Count: > 0 } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        errors[key] = [BilingualText.Pick($"{key} 只能是 true 或 false ({key} must be true or false)")];
        return null;
    }
}
