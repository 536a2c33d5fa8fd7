using System.ComponentModel;
using System.Diagnostics;
using Fengqiao.Text.Common;
using Fengqiao.Text.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

internal class RouteOptionsSettings : CommandSettings
{
    [CommandOption("--title-weight <W>")]
    [Description("Weight of the title-only n-gram space (default 0.25).")]
    public double? TitleWeight { get; init; }

    [CommandOption("--cost <C>")]
    [Description("SVM cost (default 2).")]
    public double? C { get; init; }

    [CommandOption("--max-n <N>")]
    [Description("Longest character n-gram (default 3).")]
    public int? MaxN { get; init; }

    [CommandOption("--min-df <N>")]
    [Description("Minimum document frequency of an n-gram (default 2).")]
    public int? MinDf { get; init; }

    [CommandOption("--no-balance")]
    [Description("Do not weight classes by inverse frequency.")]
    public bool NoBalance { get; init; }

    public RoutingOptions ToOptions()
    {
        var o = new RoutingOptions();
        return o with
        {
            TitleWeight = TitleWeight ?? o.TitleWeight,
            C = C ?? o.C,
            MaxN = MaxN ?? o.MaxN,
            MinDocumentFrequency = MinDf ?? o.MinDocumentFrequency,
            BalanceClasses = !NoBalance,
        };
    }
}

internal static class RouteData
{
    /// <summary>Loads every file, reporting malformed rows (with line numbers) on stderr.</summary>
    public static List<LabeledMessage> Load(IEnumerable<string> files)
    {
        var all = new List<LabeledMessage>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"data file not found: {file}", file);
            }

            var load = MessageDataset.LoadFile(file);
            foreach (var p in load.Problems.Take(20))
            {
                Console.Error.WriteLine($"{file}:{p.Line}: {p.Message}");
            }

            if (load.Problems.Count > 20)
            {
                Console.Error.WriteLine($"{file}: … {load.Problems.Count - 20} more problems");
            }

            all.AddRange(load.Messages);
        }

        if (all.Count == 0)
        {
            throw new InvalidDataException("no labelled messages were read");
        }

        return all;
    }

    public static void Print(ClassificationReport r)
    {
        AnsiConsole.MarkupLine($"accuracy [bold]{CliOutput.Percent(r.Accuracy)}[/]   macro-F1 [bold]{CliOutput.Num(r.MacroF1)}[/]");
        var t = new Table().AddColumns("category", "precision", "recall", "F1", "support");
        foreach (var c in r.PerClass)
        {
            t.AddRow(Markup.Escape(c.Category), CliOutput.Num(c.Precision), CliOutput.Num(c.Recall), CliOutput.Num(c.F1), c.Support.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(t);
        var cm = new Table().AddColumn("true \\ predicted");
        foreach (var c in r.Classes)
        {
            cm.AddColumn(Markup.Escape(c));
        }

        for (int i = 0; i < r.Classes.Count; i++)
        {
            cm.AddRow([Markup.Escape(r.Classes[i]), .. r.Confusion[i].Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        AnsiConsole.Write(cm);
    }

    public static object ToJson(ClassificationReport r) => new
    {
        accuracy = r.Accuracy,
        macroF1 = r.MacroF1,
        perClass = r.PerClass,
        classes = r.Classes,
        confusion = r.Confusion,
    };
}

internal sealed class RouteTrainSettings : RouteOptionsSettings
{
    [CommandOption("--data <CSV>")]
    [Description("Labelled CSV file(s): id,user,title,time,detail,label or title,label. Repeat for several.")]
    public string[] Data { get; init; } = [];

    [CommandOption("--out <MODEL>")]
    [Description("Model file to write.")]
    public string Out { get; init; } = "routing.model";

    [CommandOption("--json")]
    public bool Json { get; init; }
}

internal sealed class RouteTrainCommand : Command<RouteTrainSettings>
{
    public override int Execute(CommandContext context, RouteTrainSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(RouteTrainSettings settings)
    {
        if (settings.Data.Length == 0)
        {
            throw new ArgumentException("give at least one --data file");
        }

        var data = RouteData.Load(settings.Data);
        var sw = Stopwatch.StartNew();
        RoutingModel? model = null;
        CliOutput.Progress(settings.Json).Progress().Start(ctx =>
        {
            var task = ctx.AddTask("training", maxValue: 1.0);
            model = RoutingModel.Train(data, settings.ToOptions(), new Progress<double>(v => task.Value = v));
            task.Value = 1.0;
        });
        model!.SaveFile(settings.Out);
        var summary = new { model = settings.Out, examples = data.Count, classes = model.Classes, features = model.FeatureCount, seconds = sw.Elapsed.TotalSeconds };
        if (settings.Json)
        {
            CliOutput.WriteJson(summary);
        }
        else
        {
            AnsiConsole.MarkupLine($"trained on {data.Count} examples, {model.FeatureCount} features, {model.Classes.Count} classes in {sw.Elapsed.TotalSeconds:F1} s → {Markup.Escape(settings.Out)}");
        }

        return 0;
    }
}

internal sealed class RouteEvalSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    public string Model { get; init; } = "routing.model";

    [CommandOption("--test <CSV>")]
    [Description("Labelled CSV in either shared layout.")]
    public string[] Test { get; init; } = [];

    [CommandOption("--json")]
    public bool Json { get; init; }
}

internal sealed class RouteEvalCommand : Command<RouteEvalSettings>
{
    public override int Execute(CommandContext context, RouteEvalSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(RouteEvalSettings settings)
    {
        if (settings.Test.Length == 0)
        {
            throw new ArgumentException("give a --test file");
        }

        var model = RoutingModel.LoadFile(settings.Model);
        var test = RouteData.Load(settings.Test);
        // Warm up (JIT, first-touch of the model's pages) on a few messages, then time one thread: wall clock and
        // the thread's CPU time (the machine may be shared, which stretches wall time but not CPU time).
        foreach (var t in test.Take(50))
        {
            _ = model.Predict(t.Title, t.Detail);
        }

        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var predicted = test.Select(t => model.Predict(t.Title, t.Detail)).ToList();
        double perSecond = test.Count / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        double perCpuSecond = test.Count / Math.Max(cpu.TotalSeconds, 1e-9);
        var report = ClassificationReport.From(test.Select(t => t.Label).ToList(), predicted);
        if (settings.Json)
        {
            CliOutput.WriteJson(new { examples = test.Count, messagesPerSecond = perSecond, messagesPerCpuSecond = perCpuSecond, report = RouteData.ToJson(report) });
        }
        else
        {
            AnsiConsole.MarkupLine($"{test.Count} messages, {perSecond:F0} messages/s wall clock, {perCpuSecond:F0} per CPU-second (one thread)");
            RouteData.Print(report);
        }

        return 0;
    }
}

internal sealed class RouteCvSettings : RouteOptionsSettings
{
    [CommandOption("--data <CSV>")]
    public string[] Data { get; init; } = [];

    [CommandOption("--folds <K>")]
    [DefaultValue(5)]
    public int Folds { get; init; } = 5;

    [CommandOption("--seed <S>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--run-folds <N>")]
    [Description("Only run the first N folds (quicker estimate).")]
    public int? RunFolds { get; init; }

    [CommandOption("--json")]
    public bool Json { get; init; }
}

internal sealed class RouteCvCommand : Command<RouteCvSettings>
{
    public override int Execute(CommandContext context, RouteCvSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(RouteCvSettings settings)
    {
        var data = RouteData.Load(settings.Data);
        var sw = Stopwatch.StartNew();
        CrossValidationResult? result = null;
        int run = Math.Min(settings.Folds, settings.RunFolds ?? settings.Folds);
        CliOutput.Progress(settings.Json).Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"{settings.Folds}-fold cross-validation", maxValue: run);
            result = CrossValidation.Run(data, settings.Folds, settings.ToOptions(), settings.Seed, settings.RunFolds,
                new Progress<int>(_ => task.Increment(1)));
        });
        var r = result!;
        if (settings.Json)
        {
            CliOutput.WriteJson(new { folds = settings.Folds, foldsRun = run, options = settings.ToOptions(), foldMacroF1 = r.FoldMacroF1, meanMacroF1 = r.MeanMacroF1, pooled = RouteData.ToJson(r.Pooled), seconds = sw.Elapsed.TotalSeconds });
        }
        else
        {
            AnsiConsole.MarkupLine($"folds run {run}/{settings.Folds}: macro-F1 per fold {string.Join(", ", r.FoldMacroF1.Select(f => CliOutput.Num(f)))}; mean [bold]{CliOutput.Num(r.MeanMacroF1)}[/] ({sw.Elapsed.TotalSeconds:F0} s)");
            RouteData.Print(r.Pooled);
        }

        return 0;
    }
}

internal sealed class RouteSuggestSettings : CommandSettings
{
    [CommandOption("--model <MODEL>")]
    public string Model { get; init; } = "routing.model";

    [CommandOption("--title <TEXT>")]
    public string Title { get; init; } = string.Empty;

    [CommandOption("--detail <TEXT>")]
    public string Detail { get; init; } = string.Empty;

    [CommandOption("--departments <CSV>")]
    [Description("category,department table (default: the built-in district table).")]
    public string? Departments { get; init; }

    [CommandOption("-k|--top <K>")]
    [DefaultValue(3)]
    public int Top { get; init; } = 3;

    [CommandOption("--json")]
    public bool Json { get; init; }
}

internal sealed class RouteSuggestCommand : Command<RouteSuggestSettings>
{
    public override int Execute(CommandContext context, RouteSuggestSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(RouteSuggestSettings settings)
    {
        var table = DepartmentTable.Default;
        if (settings.Departments is not null)
        {
            var problems = new List<CsvProblem>();
            using var reader = File.OpenText(settings.Departments);
            table = DepartmentTable.Load(reader, problems);
            foreach (var p in problems)
            {
                Console.Error.WriteLine($"{settings.Departments}:{p.Line}: {p.Message}");
            }
        }

        var router = new MessageRouter(RoutingModel.LoadFile(settings.Model), table);
        var suggestions = router.Suggest(settings.Title, settings.Detail, settings.Top);
        if (settings.Json)
        {
            CliOutput.WriteJson(suggestions);
        }
        else
        {
            foreach (var s in suggestions)
            {
                AnsiConsole.MarkupLine($"{Markup.Escape(s.Category)} → {Markup.Escape(s.Department)}  {CliOutput.Percent(s.Confidence)}");
            }
        }

        return 0;
    }
}
