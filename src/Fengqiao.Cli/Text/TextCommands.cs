using System.ComponentModel;
using System.Diagnostics;
using Fengqiao.Text.Common;
using Fengqiao.Text.Duplicates;
using Fengqiao.Text.HotTopics;
using Fengqiao.Text.Replies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

internal class MessageFileSettings : CommandSettings
{
    [CommandOption("--data <CSV>")]
    [Description("Message CSV (留言编号,留言用户,留言主题,留言时间,留言详情,… or id,user,title,time,detail,…).")]
    public string Data { get; init; } = string.Empty;

    [CommandOption("--json")]
    public bool Json { get; init; }

    [CommandOption("--top <N>")]
    [Description("How many results to print (default 20).")]
    public int Top { get; init; } = 20;

    public IReadOnlyList<CitizenMessage> Load()
    {
        if (!File.Exists(Data))
        {
            throw new FileNotFoundException($"data file not found: {Data}", Data);
        }

        var load = CitizenMessageCsv.LoadFile(Data);
        foreach (var p in load.Problems.Take(20))
        {
            Console.Error.WriteLine($"{Data}:{p.Line}: {p.Message}");
        }

        if (load.Messages.Count == 0)
        {
            throw new InvalidDataException($"no messages were read from {Data}");
        }

        return load.Messages;
    }
}

internal sealed class DupesSettings : MessageFileSettings
{
    [CommandOption("--threshold <T>")]
    [Description("Jaccard similarity of character 3-shingles at which messages are near-duplicates (default 0.7).")]
    public double Threshold { get; init; } = 0.7;
}

internal sealed class DupesCommand : Command<DupesSettings>
{
    public override int Execute(CommandContext context, DupesSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(DupesSettings settings)
    {
        var messages = settings.Load();
        var items = messages.Select((m, i) => new TextItem(i, m.Title + "。" + m.Detail)).ToArray();
        var sw = Stopwatch.StartNew();
        IReadOnlyList<DuplicateCluster> clusters = [];
        CliOutput.Progress(settings.Json).Progress().Start(ctx =>
        {
            var task = ctx.AddTask("near-duplicate clusters", maxValue: items.Length);
            clusters = DuplicateClustering.Find(items, new NearDuplicateOptions { Threshold = settings.Threshold }, new Progress<int>(i => task.Value = i));
            task.Value = items.Length;
        });
        var identity = new IdentityIndex();
        for (int i = 0; i < messages.Count; i++)
        {
            identity.Add(i, messages[i].User);
        }

        var repeaters = identity.RepeatedKeys().OrderByDescending(kv => kv.Value.Count).ToArray();
        object Show(DuplicateCluster c) => new
        {
            exact = c.Exact,
            minSimilarity = Math.Round(c.MinSimilarity, 3),
            messages = c.Ids.Select(i => new { id = messages[(int)i].Id, user = messages[(int)i].User, title = messages[(int)i].Title }).ToArray(),
        };
        if (settings.Json)
        {
            CliOutput.WriteJson(new
            {
                messages = messages.Count,
                threshold = settings.Threshold,
                exactClusters = clusters.Count(c => c.Exact),
                nearClusters = clusters.Count(c => !c.Exact),
                messagesInClusters = clusters.Sum(c => c.Ids.Count),
                clusters = clusters.Select(Show),
                repeatUsers = repeaters.Length,
                repeats = repeaters.Take(settings.Top).Select(kv => new { user = kv.Key, ids = kv.Value.Select(i => messages[(int)i].Id) }),
                seconds = sw.Elapsed.TotalSeconds,
            });
            return 0;
        }

        AnsiConsole.MarkupLine($"{messages.Count} messages: {clusters.Count(c => c.Exact)} exact and {clusters.Count(c => !c.Exact)} near-duplicate clusters (Jaccard ≥ {settings.Threshold}), {clusters.Sum(c => c.Ids.Count)} messages in them; {repeaters.Length} users wrote more than once ({sw.Elapsed.TotalSeconds:F1} s)");
        var t = new Table().AddColumns("kind", "size", "min sim", "ids", "first title");
        foreach (var c in clusters.Take(settings.Top))
        {
            t.AddRow(c.Exact ? "exact" : "near", c.Ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), CliOutput.Num(c.MinSimilarity, "F2"),
                Markup.Escape(string.Join(",", c.Ids.Take(6).Select(i => messages[(int)i].Id))), Markup.Escape(messages[(int)c.Ids[0]].Title));
        }

        AnsiConsole.Write(t);
        return 0;
    }
}

internal sealed class HotSettings : MessageFileSettings
{
    [CommandOption("--similarity <S>")]
    [Description("Cosine similarity at which two messages join one topic (default 0.35).")]
    public double Similarity { get; init; } = 0.35;

    [CommandOption("--half-life <DAYS>")]
    [Description("Days after which a message's heat halves (default 60).")]
    public double HalfLife { get; init; } = 60;

    [CommandOption("--csv <FILE>")]
    [Description("Also write every topic to a CSV file (export).")]
    public string? Csv { get; init; }
}

internal sealed class HotCommand : Command<HotSettings>
{
    public override int Execute(CommandContext context, HotSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(HotSettings settings)
    {
        var messages = settings.Load();
        var topics = HotTopicMiner.Mine(messages, null, new HotTopicOptions { SimilarityThreshold = settings.Similarity, HalfLifeDays = settings.HalfLife });
        if (settings.Csv is not null)
        {
            using var writer = new StreamWriter(settings.Csv, false, new System.Text.UTF8Encoding(true));
            HotTopicExport.WriteCsv(writer, topics);
        }

        if (settings.Json)
        {
            CliOutput.WriteJson(new { messages = messages.Count, topics = topics.Count, top = topics.Take(settings.Top) });
            return 0;
        }

        AnsiConsole.MarkupLine($"{messages.Count} messages → {topics.Count} topics with ≥ 2 messages");
        var t = new Table().AddColumns("#", "topic", "heat", "msgs", "people", "likes", "from", "to");
        int rank = 1;
        foreach (var h in topics.Take(settings.Top))
        {
            t.AddRow((rank++).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(h.Name), CliOutput.Num(h.Heat, "F1"),
                h.Messages.ToString(System.Globalization.CultureInfo.InvariantCulture), h.People.ToString(System.Globalization.CultureInfo.InvariantCulture),
                h.Likes.ToString(System.Globalization.CultureInfo.InvariantCulture), h.First?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", h.Last?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        AnsiConsole.Write(t);
        return 0;
    }
}

internal sealed class RepliesCommand : Command<MessageFileSettings>
{
    public override int Execute(CommandContext context, MessageFileSettings settings, CancellationToken cancellationToken)
        => CliOutput.Guard(() => Run(settings));

    private static int Run(MessageFileSettings settings)
    {
        var messages = settings.Load().Where(m => m.Reply is not null).ToArray();
        var checker = new ReplyChecker();
        var checks = messages.Select(m => (Message: m, Check: checker.Check(m))).ToArray();
        var byCode = checks.SelectMany(c => c.Check.Flags).GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Count());
        var days = checks.Where(c => c.Check.WorkingDays.HasValue).Select(c => c.Check.WorkingDays!.Value).Order().ToArray();
        double median = days.Length == 0 ? 0 : days[days.Length / 2];
        if (settings.Json)
        {
            CliOutput.WriteJson(new
            {
                replies = checks.Length,
                medianWorkingDays = median,
                flags = byCode,
                checks = checks.Take(settings.Top).Select(c => new { id = c.Message.Id, title = c.Message.Title, check = c.Check }),
            });
            return 0;
        }

        AnsiConsole.MarkupLine($"{checks.Length} replies; median {median} working days (Mon–Fri calendar)");
        var summary = new Table().AddColumns("flag", "replies");
        foreach (var (code, count) in byCode.OrderByDescending(kv => kv.Value))
        {
            summary.AddRow(code, $"{count} ({CliOutput.Percent((double)count / Math.Max(1, checks.Length))})");
        }

        AnsiConsole.Write(summary);
        foreach (var (m, c) in checks.Take(settings.Top))
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.Id)}[/] {Markup.Escape(m.Title)} — {c.WorkingDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} working days, relevance {CliOutput.Percent(c.Relevance)}");
            foreach (var f in c.Flags.Where(f => f.Severity != FlagSeverity.Info))
            {
                AnsiConsole.MarkupLine($"   {f.Severity}: {Markup.Escape(f.Reason)}");
            }
        }

        return 0;
    }
}
