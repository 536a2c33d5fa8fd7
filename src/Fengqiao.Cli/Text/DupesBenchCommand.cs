using System.ComponentModel;
using System.Diagnostics;
using Fengqiao.Text.Common;
using Fengqiao.Text.Duplicates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

internal sealed class DupesBenchSettings : CommandSettings
{
    [CommandOption("--data <CSV>")]
    [Description("Message CSV(s) whose texts are perturbed to fill the store.")]
    public string[] Data { get; init; } = [];

    [CommandOption("--size <N>")]
    [DefaultValue(1_000_000)]
    public int Size { get; init; } = 1_000_000;

    [CommandOption("--queries <Q>")]
    [DefaultValue(2000)]
    public int Queries { get; init; } = 2000;

    [CommandOption("--recall-queries <Q>")]
    [Description("Queries checked against brute force (default 100).")]
    [DefaultValue(100)]
    public int RecallQueries { get; init; } = 100;

    [CommandOption("--threshold <T>")]
    [DefaultValue(0.7)]
    public double Threshold { get; init; } = 0.7;

    [CommandOption("--json")]
    public bool Json { get; init; }
}

/// <summary>`fengqiao text dupes-bench`: builds a synthetic store and measures query latency, recall and memory.</summary>
internal sealed class DupesBenchCommand : Command<DupesBenchSettings>
{
    public override int Execute(CommandContext context, DupesBenchSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(DupesBenchSettings settings)
    {
        var bases = new List<string>();
        foreach (var file in settings.Data)
        {
            bases.AddRange(CitizenMessageCsv.LoadFile(file).Messages.Select(m => m.Title + "。" + m.Detail));
        }

        var corpus = new SyntheticCorpus(bases);
        var options = new NearDuplicateOptions { Threshold = settings.Threshold };
        long before = GC.GetTotalMemory(true);
        using var index = new NearDuplicateIndex(options, settings.Size);
        var buildTime = Stopwatch.StartNew();
        double[] latencies = [];
        RecallResult? recall = null;
        CliOutput.Progress(settings.Json).Progress().Start(ctx =>
        {
            var build = ctx.AddTask($"build {settings.Size:N0} messages", maxValue: settings.Size);
            const int Batch = 20_000;
            var sigs = new uint[Batch][];
            for (int start = 0; start < settings.Size; start += Batch)
            {
                int count = Math.Min(Batch, settings.Size - start);
                Parallel.For(0, count, j => sigs[j] = index.Signature(corpus[start + j])!);
                for (int j = 0; j < count; j++)
                {
                    if (sigs[j] is not null)
                    {
                        index.Add(start + j, sigs[j]);
                    }
                }

                build.Value = start + count;
            }

            buildTime.Stop();
            var query = ctx.AddTask($"{settings.Queries:N0} queries", maxValue: settings.Queries);
            var queries = Enumerable.Range(0, settings.Queries).Select(corpus.NewMessage).ToArray();
            latencies = new double[queries.Length];
            for (int q = 0; q < queries.Length; q++)
            {
                long t0 = Stopwatch.GetTimestamp();
                _ = index.Query(queries[q], 50);
                latencies[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                query.Increment(1);
            }

            var brute = ctx.AddTask($"brute-force Jaccard, {settings.RecallQueries} queries", maxValue: settings.Size);
            recall = RecallEvaluation.Measure(index, corpus, settings.Size, queries.Take(settings.RecallQueries).ToArray(), settings.Threshold,
                progress: new Progress<long>(v => brute.Value = v));
        });
        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(index);
        Array.Sort(latencies);
        double P(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        var result = new
        {
            store = settings.Size,
            baseMessages = corpus.BaseCount,
            threshold = settings.Threshold,
            buildSeconds = buildTime.Elapsed.TotalSeconds,
            queryMs = new { p50 = P(0.5), p95 = P(0.95), p99 = P(0.99), max = latencies.LastOrDefault(), mean = latencies.DefaultIfEmpty().Average() },
            recall,
            indexBytes = index.MemoryBytes,
            managedHeapGrowthBytes = after - before,
        };
        if (settings.Json)
        {
            CliOutput.WriteJson(result);
        }
        else
        {
            AnsiConsole.MarkupLine($"store {settings.Size:N0} (from {corpus.BaseCount:N0} real messages), built in {result.buildSeconds:F1} s");
            AnsiConsole.MarkupLine($"query latency ms: p50 {P(0.5):F3}  p95 {P(0.95):F3}  p99 {P(0.99):F3}");
            AnsiConsole.MarkupLine($"recall {recall!.Recall:F4}, precision {recall.Precision:F4} over {recall.Queries} queries ({recall.TruePairs} true pairs at Jaccard ≥ {settings.Threshold})");
            AnsiConsole.MarkupLine($"index arrays {index.MemoryBytes / 1048576.0:F1} MiB; managed heap growth {(after - before) / 1048576.0:F1} MiB");
        }

        return 0;
    }
}
