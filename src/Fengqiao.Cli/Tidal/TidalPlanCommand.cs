using System.ComponentModel;
using Fengqiao.Tidal.Export;
using Fengqiao.Tidal.Rostering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary><c>fengqiao tidal plan --scenario s.json</c>: CP-SAT tidal roster beside the fixed three-shift plan.</summary>
internal sealed class TidalPlanCommand : Command<TidalPlanCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--scenario <FILE>")]
        [Description("Scenario JSON (see scenarios/)")]
        public string Scenario { get; init; } = "";

        [CommandOption("--time-limit <SECONDS>")]
        [Description("Override the scenario's solver time limit")]
        public double? TimeLimit { get; init; }

        [CommandOption("--workers <N>")]
        [Description("CP-SAT workers (default from the scenario, 2)")]
        public int? Workers { get; init; }

        [CommandOption("--model <MODEL>")]
        [Description("two-stage (default: aggregated counts with a proven bound, then named officers) or weekly-template (the first model)")]
        public string? Model { get; init; }

        [CommandOption("--solver-params <TEXT>")]
        [Description("Extra CP-SAT parameters (text format), for experiments")]
        public string? SolverParams { get; init; }

        [CommandOption("--lp-bound")]
        [Description("Also report the LP bounds (GLOP): the stage-1 relaxation's (any roster) and the weekly-template model's (that model only)")]
        public bool LpBound { get; init; }

        [CommandOption("--mip <SOLVER>")]
        [Description("Diagnostics: also solve the same model as a MIP with this OR-Tools solver (e.g. SCIP) and report value and bound")]
        public string? Mip { get; init; }

        [CommandOption("--xlsx <FILE>")]
        [Description("Also write the tidal roster to an Excel workbook")]
        public string? Xlsx { get; init; }

        [CommandOption("--ics <FILE>")]
        [Description("Also write the tidal roster as an iCalendar file")]
        public string? Ics { get; init; }

        [CommandOption("--json")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            !File.Exists(Scenario) ? ValidationResult.Error($"scenario file '{Scenario}' not found")
            : Model is null or "two-stage" or "weekly-template" ? ValidationResult.Success()
            : ValidationResult.Error("--model must be two-stage or weekly-template");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var scenario = PlanScenario.Load(settings.Scenario);
        var problem = scenario.ToProblem();
        var options = scenario.Solver with
        {
            TimeLimitSeconds = settings.TimeLimit ?? scenario.Solver.TimeLimitSeconds,
            Workers = settings.Workers ?? scenario.Solver.Workers,
            ExtraParameters = settings.SolverParams ?? scenario.Solver.ExtraParameters,
            Model = settings.Model switch
            {
                "two-stage" => RosterModel.TwoStage,
                "weekly-template" => RosterModel.WeeklyTemplate,
                _ => scenario.Solver.Model,
            },
        };
        var planner = new TidalRosterPlanner(options);
        PlanResult result = null!;
        try
        {
            if (settings.Json)
            {
                result = planner.Plan(problem);
            }
            else
            {
                AnsiConsole.Status().Start("solving", ctx => result = planner.Plan(problem, new Progress<string>(s => ctx.Status(Markup.Escape(s)))));
            }
        }
        catch (NoValidRosterException ex)
        {
            // The planner hands out no roster that breaks a rule: say so, with what the best one found still broke.
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            foreach (var v in ex.Violations.Take(20))
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(v.Rule)}[/] {Markup.Escape(v.Subject)}: {Markup.Escape(v.Detail)}");
            }

            return 1;
        }

        // The stage-1 relaxation's LP bounds every roster of the problem; the weekly-template model's LP only bounds
        // rosters of that model's shape (one start time per officer for the week), so it is reported under its own name.
        double? lp = settings.LpBound ? AggregateRosterModel.LpBound(problem) : null;
        (double Value, double Bound, string Status)? weeklyLp = settings.LpBound ? RosterLinearRelaxation.Solve(problem) : null;
        (double Value, double Bound, string Status)? mip = settings.Mip is { } mipSolver ? RosterLinearRelaxation.Solve(problem, mipSolver, integer: true, timeLimitSeconds: options.TimeLimitSeconds) : null;
        var fixedRoster = FixedThreeShiftPlanner.Plan(problem);
        var fixedMetrics = RosterEvaluator.Evaluate(problem, fixedRoster);
        var fixedViolations = RosterChecker.Check(problem, fixedRoster, requirePostCoverage: false);
        if (settings.Xlsx is not null)
        {
            RosterExcelExporter.Save(settings.Xlsx, problem, result.Roster);
        }

        if (settings.Ics is not null)
        {
            File.WriteAllText(settings.Ics, RosterCalendarExporter.ToICalendar(problem, result.Roster));
        }

        var t = result.Metrics;
        double? gapToBound = result.Solve.UnmetBound > 0 ? (t.UnmetDemandHours - result.Solve.UnmetBound) / (double)result.Solve.UnmetBound : (t.UnmetDemandHours == 0 ? 0 : null);
        var reduction = fixedMetrics.UnmetDemandHours > 0 ? 1 - (t.UnmetDemandHours / (double)fixedMetrics.UnmetDemandHours) : 0;
        var summary = new
        {
            scenario = scenario.Name,
            areas = problem.Areas.Count,
            hours = 168,
            officers = problem.Officers.Count,
            demandUnitHours = t.DemandUnitHours,
            tidal = new
            {
                unmetDemandHours = t.UnmetDemandHours,
                solverBound = result.Solve.UnmetBound,
                greedyStartUnmet = result.Solve.GreedyUnmet,
                aboveBound = gapToBound,
                status = result.Solve.Status,
                model = result.Solve.Method,
                unplacedShifts = result.Solve.UnplacedShifts,
                stages = result.Solve.StageDetail,
                expectedWaitMinutes = double.IsNaN(t.ExpectedWaitMinutes) ? (double?)null : t.ExpectedWaitMinutes,
                overloadedAreaHours = t.OverloadedAreaHours,
                overtimeHours = t.OvertimeHours,
                hoursSpread = t.HoursSpread,
                officerHours = t.OfficerHours,
                violations = result.Violations.Count,
                solveSeconds = result.Solve.TotalSeconds,
                unmetPhaseSeconds = result.Solve.UnmetSeconds,
                overtimePhaseSeconds = result.Solve.OvertimeSeconds,
                variables = result.Solve.Variables,
                constraints = result.Solve.Constraints,
            },
            fixedThreeShift = new
            {
                unmetDemandHours = fixedMetrics.UnmetDemandHours,
                expectedWaitMinutes = double.IsNaN(fixedMetrics.ExpectedWaitMinutes) ? (double?)null : fixedMetrics.ExpectedWaitMinutes,
                overloadedAreaHours = fixedMetrics.OverloadedAreaHours,
                overtimeHours = fixedMetrics.OvertimeHours,
                hoursSpread = fixedMetrics.HoursSpread,
                officerHours = fixedMetrics.OfficerHours,
                violations = fixedViolations.Count,
            },
            unmetReductionVsFixed = reduction,
            lpBound = lp,
            weeklyTemplateLpBound = weeklyLp?.Value,
            mip = mip is { } mm ? new { value = mm.Value, bound = mm.Bound, status = mm.Status } : null,
            violations = result.Violations.Take(20).ToList(),
        };
        if (settings.Json)
        {
            TidalOutput.WriteJson(summary);
            return result.Violations.Count == 0 ? 0 : 1;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scenario.Name)}[/]: {problem.Areas.Count} areas × 168 h × {problem.Officers.Count} officers, demand {t.DemandUnitHours} unit-hours");
        var table = new Table().AddColumn("").AddColumn(new TableColumn("tidal (CP-SAT)").RightAligned()).AddColumn(new TableColumn("fixed three-shift").RightAligned());
        table.AddRow("unmet demand-hours", t.UnmetDemandHours.ToString(System.Globalization.CultureInfo.InvariantCulture), fixedMetrics.UnmetDemandHours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("solver bound", result.Solve.UnmetBound.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        if (lp is { } lpv)
        {
            table.AddRow("LP bound, stage-1 relaxation (GLOP)", TidalOutput.F(lpv, 1), "");
        }

        if (weeklyLp is { } wlp)
        {
            table.AddRow("LP bound, weekly-template model only", TidalOutput.F(wlp.Value, 1), "");
        }

        table.AddRow("greedy start (hint)", result.Solve.GreedyUnmet.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        table.AddRow("expected wait (min)", TidalOutput.F(t.ExpectedWaitMinutes, 2), TidalOutput.F(fixedMetrics.ExpectedWaitMinutes, 2));
        table.AddRow("overloaded area-hours", t.OverloadedAreaHours.ToString(System.Globalization.CultureInfo.InvariantCulture), fixedMetrics.OverloadedAreaHours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("overtime hours", t.OvertimeHours.ToString(System.Globalization.CultureInfo.InvariantCulture), fixedMetrics.OvertimeHours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("hours spread", t.HoursSpread.ToString(System.Globalization.CultureInfo.InvariantCulture), fixedMetrics.HoursSpread.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("rule violations", result.Violations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), fixedViolations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"status {result.Solve.Status}, {(gapToBound is double g ? TidalOutput.F(g * 100, 2) + " %" : "n/a")} above bound, {TidalOutput.F(reduction * 100, 1)} % less unmet than fixed, solved in {TidalOutput.F(result.Solve.TotalSeconds, 1)} s ({result.Solve.Variables} variables)");
        foreach (var v in result.Violations.Take(20))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(v.Rule)}[/] {Markup.Escape(v.Subject)}: {Markup.Escape(v.Detail)}");
        }

        return result.Violations.Count == 0 ? 0 : 1;
    }
}
