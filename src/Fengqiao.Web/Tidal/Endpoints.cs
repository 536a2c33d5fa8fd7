using System.Globalization;
using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Export;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Staffing;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Fengqiao.Data.Tidal;

namespace Fengqiao.Web.Tidal;

public sealed record TidalDatasetDto(string Name, long RowsRead, int Incidents, int BadRows, LocalDateTime First, LocalDateTime Last, IReadOnlyList<string> Areas, IReadOnlyList<string> Types, LocalDate DefaultTrainTo);

public sealed record TidalImportDto(TidalDatasetDto? Dataset, long RowsRead, int Imported, int BadRows, IReadOnlyList<ImportError> Errors);

public sealed record RosterSummaryDto(long UnmetDemandHours, double? ExpectedWaitMinutes, int OverloadedAreaHours, long OvertimeHours, int HoursSpread, long OfficerHours, int Violations);

public sealed record TidalPlanDto(
    PlanSettings Settings,
    int Areas,
    int Officers,
    long DemandUnitHours,
    string Status,
    long SolverBound,
    double? LpBound,
    long BestBound,
    double? AboveBound,
    double SolveSeconds,
    RosterSummaryDto Tidal,
    RosterSummaryDto FixedThreeShift,
    double UnmetReductionVsFixed,
    int Edits,
    StaffingSpec? Staffing,
    IReadOnlyList<DayAdjustment> Adjustments);

/// <param name="Staffing">The service standard the demand is sized with, per priority too, as on the staffing tab; the defaults when left out.</param>
public sealed record TidalPlanRequest(int Areas = 12, int Officers = 150, double TimeLimitSeconds = 20, string? TrainTo = null, StaffingSettings? Staffing = null);

public sealed record TidalLiveDecisionRequest(string FromArea, string ToArea, bool Accepted);

public sealed record TidalMoveRequest(string OfficerId, int StartHourOfWeek, string Area);

/// <param name="Day">0 = Monday … 6 = Sunday of the plan's week.</param>
public sealed record TidalReplanRequest(int Day, IReadOnlyList<PlannedEvent>? Events = null, IReadOnlyList<string>? OffSick = null);

/// <param name="Before">Unmet demand-hours of the roster as it stood, with the events' demand.</param>
public sealed record TidalReplanDto(TidalPlanDto Plan, long Before, long After, IReadOnlyList<RosterChange> Changes, DayReplanMethod Method);

/// <summary>The tidal duty planner (潮汐勤务) as JSON: the same views as the pages, for police planners only.</summary>
public static class Endpoints
{
    private const long MaxUploadBytes = 64L * 1024 * 1024;

    public static void MapTidal(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tidal").RequireAuthorization(Policies.PolicePlanning).WithTags("Tidal");
        group.MapGet("/dataset", Dataset).WithSummary("The incidents the planner works on: the shipped Houston subset until a file is imported");
        group.MapPost("/import", Import).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).WithSummary("Import incidents from CSV or CSV.gz with a preset (houston, sandiego) or map=time=…,area=…; bad rows come back with line numbers");
        group.MapPost("/dataset/reset", ResetToDemo).DisableAntiforgery().WithSummary("Back to a shipped demo: the synthetic 克拉玛依区 district (default) or, with demo=houston, the real Houston subset");
        group.MapGet("/demand", Demand).WithSummary("Incident counts per area × hour-of-week (0 = Monday 00:00); to is exclusive");
        group.MapGet("/grid", Grid).WithSummary("Incidents with coordinates binned to square cells (row 0 = south)");
        group.MapGet("/backtest", Backtest).WithSummary("Rolling-origin back-test of every forecasting method: MAE, RMSE, PAI@5% and PEI*@5%");
        group.MapGet("/staffing", Staffing).WithSummary("Next week's forecast and the Erlang C units per area-hour (service, travel, wait, probability, minUnits, calls)");
        group.MapGet("/adjust", Adjust).WithSummary("Areas running above forecast in the last hours and recommended moves from quiet neighbours");
        group.MapPost("/plan", Plan).DisableAntiforgery().WithSummary("Solve a tidal roster (CP-SAT, time limit ≤ 60 s) and compare it with the fixed three-shift plan");
        group.MapGet("/plan", LatestPlan).WithSummary("The latest roster and its comparison");
        group.MapGet("/plans", Plans).WithSummary("The rosters of the caller's unit, newest first (another district's are not listed)");
        group.MapGet("/plans/{id:long}", StoredPlan).WithSummary("One stored roster of the caller's unit; another unit's answers 404 like one that does not exist");
        group.MapPost("/plan/moves", MoveDuty).DisableAntiforgery().WithSummary("Move one officer's shift to another area; the roster is re-measured and re-checked");
        group.MapPost("/plan/replan", ReplanDay).DisableAntiforgery().WithSummary("动态调整: re-plan one day for planned events (area, hours, extra officers) and officers off sick with CP-SAT (least unmet demand, then fewest changes; the greedy when the solver finds nothing in time, said in Method); other days stay; the changes come back for the briefing");
        group.MapGet("/live", Live).WithSummary("The 情指行 centre's live view now: today's calls per area and hour against the forecast, officers on duty per area, suggested moves");
        group.MapPost("/live/decisions", DecideLive).DisableAntiforgery().WithSummary("Accept or dismiss the suggested move from one area to another (kept with the plan; an accepted move counts from then on)");
        group.MapGet("/plan/export.xlsx", ExportExcel).WithSummary("The current roster as an Excel workbook (duties, officers, areas), headers in the caller's language");
        group.MapGet("/plan/roster.ics", ExportCalendar).WithSummary("The current roster as iCalendar, for everyone or one officer");
    }

    private static Ok<TidalDatasetDto> Dataset(TidalWorkspace w) =>
        TypedResults.Ok(ToDto(w.Dataset));

    private static async Task<Results<Ok<TidalImportDto>, ValidationProblem>> Import(IFormFile? file, [FromQuery] string? preset, [FromQuery] string? map, TidalWorkspace w, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Invalid("file", "请选择要导入的 CSV 文件 (choose a CSV file to import)");
        }

        if (!TryMapping(preset, map, out var mapping, out var mappingError))
        {
            return Invalid("map", mappingError, picked: true);
        }

        await using var content = file.OpenReadStream();
        var result = await Task.Run(() => TidalDataset.Read(content, mapping), ct);
        if (result.Incidents.Count == 0)
        {
            // Nothing usable: keep working on the previous incidents and say why, line by line.
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["file"] = [BilingualText.Pick("文件中没有可导入的警情，原数据未改动 (no importable incidents in the file; the previous data are unchanged)")] },
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Take(100).ToList(), ["rowsRead"] = result.RowsRead });
        }

        var dataset = new TidalDataset(Path.GetFileName(file.FileName), result);
        w.Use(dataset);
        return TypedResults.Ok(new TidalImportDto(ToDto(dataset), result.RowsRead, result.Incidents.Count, result.Errors.Count, result.Errors.Take(100).ToList()));
    }

    private static Ok<TidalDatasetDto> ResetToDemo([FromQuery] string? demo, TidalWorkspace w)
    {
        w.ResetToDemo(houston: string.Equals(demo, "houston", StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(ToDto(w.Dataset));
    }

    private static Results<Ok<DemandView>, ValidationProblem> Demand([FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? type, TidalWorkspace w)
    {
        if (!TryDate(from, out var f) || !TryDate(to, out var t) || (f is { } a && t is { } b && b <= a))
        {
            return Invalid("from", "日期须为 yyyy-MM-dd，且结束晚于开始 (dates are yyyy-MM-dd and to must be after from)");
        }

        return TypedResults.Ok(w.Demand(f, t, type));
    }

    private static Results<Ok<GridView>, ValidationProblem> Grid([FromQuery] double? cell, [FromQuery] string? type, TidalWorkspace w)
    {
        var metres = cell ?? 1000;
        return metres is < 200 or > 10000
            ? Invalid("cell", "网格边长须在 200–10000 米之间 (cell size must be 200–10000 m)")
            : TypedResults.Ok(w.Grid(metres, type: type));
    }

    private static async Task<Results<Ok<BacktestReport>, ValidationProblem>> Backtest([FromQuery] string? trainTo, [FromQuery] int? weeks, TidalWorkspace w, CancellationToken ct)
    {
        if (!TryDate(trainTo, out var end) || weeks is < 1 or > 12)
        {
            return Invalid("trainTo", "训练截止日期须为 yyyy-MM-dd，回测周数 1–12 (trainTo is yyyy-MM-dd and weeks 1–12)");
        }

        try
        {
            var report = await Task.Run(() => w.Backtest(end ?? w.Dataset.DefaultTrainTo, weeks ?? 4), ct);
            return TypedResults.Ok(report);
        }
        catch (ArgumentException ex)
        {
            return Invalid("trainTo", BacktestMessage(ex), picked: true);
        }
    }

    private static async Task<Results<Ok<StaffingView>, ValidationProblem>> Staffing(HttpRequest request, TidalWorkspace w, CancellationToken ct)
    {
        if (!TryStaffing(request.Query, out var settings, out var problems) || !TryDate(request.Query["trainTo"], out var end))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["staffing"] = problems.Count > 0 ? problems.ToArray() : [BilingualText.Pick("训练截止日期须为 yyyy-MM-dd (trainTo is yyyy-MM-dd)")] });
        }

        try
        {
            return TypedResults.Ok(await Task.Run(() => w.Staffing(end ?? w.Dataset.DefaultTrainTo, settings), ct));
        }
        catch (ArgumentException ex)
        {
            return Invalid("trainTo", BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0]));
        }
    }

    private static async Task<Results<Ok<AdjustmentAdvice>, ValidationProblem>> Adjust([FromQuery] string? now, [FromQuery] int? window, TidalWorkspace w, CancellationToken ct)
    {
        var parsed = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(now ?? "");
        var at = parsed.Success ? parsed.Value : w.Dataset.DefaultAdjustmentTime;
        if ((now is not null && !parsed.Success) || window is < 1 or > 12)
        {
            return Invalid("now", "时刻须为 yyyy-MM-ddTHH:mm，窗口 1–12 小时 (now is yyyy-MM-ddTHH:mm and window 1–12 h)");
        }

        try
        {
            return TypedResults.Ok(await Task.Run(() => w.Adjust(at, window ?? 3, new StaffingSettings()), ct));
        }
        catch (ArgumentException ex)
        {
            return Invalid("now", BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0]));
        }
    }

    private static async Task<Results<Ok<TidalPlanDto>, ValidationProblem, ProblemHttpResult>> Plan(TidalPlanRequest request, TidalWorkspace w, CancellationToken ct)
    {
        var settings = new PlanSettings(request.Areas, request.Officers, request.TimeLimitSeconds);
        var problems = settings.Validate(w.Dataset);
        if (!TryDate(request.TrainTo, out var end))
        {
            problems = [.. problems, "训练截止日期须为 yyyy-MM-dd (trainTo is yyyy-MM-dd)"];
        }

        var staffing = request.Staffing ?? new StaffingSettings();
        var staffingProblems = staffing.Validate();
        if (problems.Count > 0 || staffingProblems.Count > 0)
        {
            var errors = new Dictionary<string, string[]>();
            if (problems.Count > 0)
            {
                errors["plan"] = problems.Select(BilingualText.Pick).ToArray();
            }

            if (staffingProblems.Count > 0)
            {
                errors["staffing"] = staffingProblems.Select(BilingualText.Pick).ToArray();
            }

            return TypedResults.ValidationProblem(errors);
        }

        var run = w.StartPlan(settings, end ?? w.Dataset.DefaultTrainTo, staffing);
        if (run is null)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick("已有排班正在求解，请稍后再试 (a roster is already being solved; try again when it finishes)"));
        }

        // The caller hanging up cancels the solve: nobody would read the answer.
        await using var registration = ct.Register(run.Cancel);
        try
        {
            return TypedResults.Ok(ToDto(await run.Task));
        }
        catch (InvalidOperationException ex)
        {
            var detail = ex is NoValidRosterException ? BilingualText.Pick(ex.Message) : ex.Message;
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick("找不到可行的排班 (no feasible roster)"), detail: detail);
        }
    }

    private static Results<Ok<TidalPlanDto>, ProblemHttpResult> LatestPlan(TidalWorkspace w) =>
        w.Plan is { } plan ? TypedResults.Ok(ToDto(plan)) : NoPlan();

    private static Results<Ok<LiveBoard>, ProblemHttpResult> Live(TidalWorkspace w, IClock clock) =>
        w.Live(clock.GetCurrentInstant().InZone(Display.Shanghai).LocalDateTime) is { } board ? TypedResults.Ok(board) : NoPlan();

    private static Results<Ok<LiveDecision>, ProblemHttpResult> DecideLive(TidalLiveDecisionRequest request, TidalWorkspace w, IClock clock, HttpContext http)
    {
        var now = clock.GetCurrentInstant().InZone(Display.Shanghai).LocalDateTime;
        if (w.Live(now) is not { } board)
        {
            return NoPlan();
        }

        // Only what the view offers now can be decided: a suggestion gone since (or never made) is refused.
        var suggestion = board.Suggestions.FirstOrDefault(s => s.FromArea == request.FromArea && s.ToArea == request.ToArea);
        if (suggestion is null)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick("当前没有这条调警建议，请刷新 (no such suggestion now; reload)"));
        }

        var plan = w.Decide(suggestion, now, request.Accepted, Auth.FengqiaoClaims.Name(http.User));
        return TypedResults.Ok(plan.LiveDecisions[^1]);
    }

    private static Ok<IReadOnlyList<TidalPlanListing>> Plans(TidalWorkspace w) => TypedResults.Ok(w.Plans());

    private static Results<Ok<TidalPlanDto>, ProblemHttpResult> StoredPlan(long id, TidalWorkspace w) =>
        w.StoredPlan(id) is { } plan ? TypedResults.Ok(ToDto(plan)) : NoPlan();

    private static Results<Ok<TidalPlanDto>, ValidationProblem, ProblemHttpResult> MoveDuty(TidalMoveRequest move, TidalWorkspace w)
    {
        if (w.Plan is null)
        {
            return NoPlan();
        }

        try
        {
            return TypedResults.Ok(ToDto(w.MoveDuty(move.OfficerId, move.StartHourOfWeek, move.Area)));
        }
        catch (ArgumentException ex)
        {
            return Invalid("move", ex.ParamName == "area"
                ? BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0])
                : BilingualText.Pick("该警员在此时刻没有开始的班次 (that officer has no shift starting at that hour)"));
        }
    }

    private static Results<Ok<TidalReplanDto>, ValidationProblem, ProblemHttpResult> ReplanDay(TidalReplanRequest request, TidalWorkspace w)
    {
        if (w.Plan is null)
        {
            return NoPlan();
        }

        if (request.Day is < 0 or > 6)
        {
            return Invalid("day", "调整日须为计划周内的一天（0–6）(the day must be 0–6 of the plan's week)");
        }

        try
        {
            var (plan, replan) = w.ReplanDay(request.Day, request.Events ?? [], request.OffSick ?? []);
            return TypedResults.Ok(new TidalReplanDto(ToDto(plan), replan.Before.UnmetDemandHours, replan.After.UnmetDemandHours, replan.Changes, replan.Method));
        }
        catch (ArgumentException ex)
        {
            return Invalid(ex.ParamName == "offSick" ? "offSick" : "events", BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0]), picked: true);
        }
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> ExportExcel(TidalWorkspace w, IStringLocalizer<Strings> l)
    {
        if (w.Plan is not { } plan)
        {
            return NoPlan();
        }

        var buffer = new MemoryStream();
        // Sheet names and headers in the reader's language, like the ledger's export.
        RosterExcelExporter.Write(buffer, plan.Problem, plan.Current, key => l[$"TidalExcel.{key}"]);
        buffer.Position = 0;
        return TypedResults.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"tidal-roster-{plan.Problem.WeekStart.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> ExportCalendar([FromQuery] string? officer, TidalWorkspace w)
    {
        if (w.Plan is not { } plan)
        {
            return NoPlan();
        }

        var text = RosterCalendarExporter.ToICalendar(plan.Problem, plan.Current, string.IsNullOrEmpty(officer) ? null : officer);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar", "tidal-roster.ics");
    }

    public static TidalDatasetDto ToDto(TidalDataset d) =>
        new(d.Name, d.RowsRead, d.Incidents.Count, d.Errors.Count, d.First, d.Last, d.Areas, d.Types, d.DefaultTrainTo);

    public static TidalPlanDto ToDto(PlanOutcome p) => new(
        p.Settings,
        p.Problem.Areas.Count,
        p.Problem.Officers.Count,
        p.CurrentMetrics.DemandUnitHours,
        p.Tidal.Solve.Status,
        p.Tidal.Solve.UnmetBound,
        p.LpBound,
        p.BestBound,
        p.AboveBound,
        p.Tidal.Solve.TotalSeconds,
        Summary(p.CurrentMetrics, p.CurrentViolations.Count),
        Summary(p.FixedMetrics, RosterChecker.Check(p.Problem, p.Fixed, requirePostCoverage: false).Count),
        p.ReductionVsFixed,
        p.Edits,
        p.Scenario?.Staffing,
        p.Adjustments);

    private static RosterSummaryDto Summary(RosterMetrics m, int violations) => new(
        m.UnmetDemandHours, double.IsNaN(m.ExpectedWaitMinutes) ? null : m.ExpectedWaitMinutes, m.OverloadedAreaHours, m.OvertimeHours, m.HoursSpread, m.OfficerHours, violations);

    /// <summary>A preset name or a key=column mapping, never both missing.</summary>
    public static bool TryMapping(string? preset, string? map, out ColumnMapping mapping, out string error)
    {
        mapping = ImportPresets.Houston;
        error = "";
        try
        {
            if (!string.IsNullOrWhiteSpace(map))
            {
                mapping = ColumnMapping.Parse(map);
                return true;
            }

            mapping = ImportPresets.Get(string.IsNullOrWhiteSpace(preset) ? "houston" : preset);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            error = BilingualText.Pick("列映射无效 (invalid column mapping)") + ": " + ex.Message.Split(" (Parameter", 2)[0];
            return false;
        }
    }

    /// <summary>
    /// <c>priorities=1:30:5:3:0.95,2:45:10:5:0.9</c> — per priority: on-scene minutes, travel minutes, target wait
    /// minutes, probability.
    /// </summary>
    private static List<PriorityStandard> ReadPriorities(string? text, List<string> problems)
    {
        var result = new List<PriorityStandard>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            var numbers = parts.Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToList();
            if (parts.Length != 5 || numbers.Any(x => x is null) || numbers[0] is not double level || level != Math.Floor(level))
            {
                problems.Add(BilingualText.Pick($"分级标准 {item} 应写作 等级:处置分钟:路程分钟:等待分钟:概率 (priority standard {item} must read priority:service:travel:wait:probability)"));
                continue;
            }

            result.Add(new PriorityStandard((int)level, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value, numbers[4]!.Value));
        }

        return result;
    }

    private static bool TryStaffing(IQueryCollection q, out StaffingSettings settings, out List<string> problems)
    {
        var found = new List<string>();
        var d = new StaffingSettings();
        double Read(string key, double fallback)
        {
            if (q[key] is not { Count: > 0 } text)
            {
                return fallback;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }

            found.Add(BilingualText.Pick($"参数 {key} 不是数字 ({key} is not a number)"));
            return fallback;
        }

        settings = new StaffingSettings(Read("service", d.ServiceMinutes), Read("travel", d.TravelMinutes), Read("wait", d.TargetWaitMinutes), Read("probability", d.TargetProbability), (int)Read("minUnits", d.MinimumUnits), Read("calls", d.CallsPerIncident))
        {
            Priorities = ReadPriorities(q["priorities"], found),
        };
        found.AddRange(settings.Validate().Select(BilingualText.Pick));
        problems = found;
        return found.Count == 0;
    }

    private static bool TryDate(string? text, out LocalDate? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        date = parsed.Success ? parsed.Value : null;
        return parsed.Success;
    }

    // Library messages are English only; the localised half says what failed, the detail says why.
    private static string BacktestMessage(ArgumentException ex) =>
        BilingualText.Pick("无法在此区间回测 (cannot back-test this period)") + ": " + ex.Message.Split(" (Parameter", 2)[0];

    /// <param name="picked">The message is already in the caller's language (and may hold parentheses of its own).</param>
    private static ValidationProblem Invalid(string field, string message, bool picked = false) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [picked ? message : BilingualText.Pick(message)] });

    private static ProblemHttpResult NoPlan() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("还没有排班方案，请先求解 (no roster yet: solve one first)"));
}
