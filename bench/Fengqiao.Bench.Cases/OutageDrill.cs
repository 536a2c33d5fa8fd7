using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// The client side of bench/outage-drill.sh. Registers cases on every node without pause, the way a careful client
/// does: a fresh Idempotency-Key per case, and on any failure (503, no answer) the same key again after Retry-After
/// (or a second). Meanwhile it reads who holds each timer lease every second. Afterwards it prints, per second, the
/// answers and the lease holders beside the drill's events (kills and restarts, from --events), sends every key once
/// more, and checks the database: every acknowledged case present exactly once under its key.
/// </summary>
internal static class OutageDrill
{
    private sealed record Answer(long Second, int Node, string Kind, bool RetryAfter);

    public static async Task<int> RunAsync(Options options)
    {
        var nodes = options.Required("base-urls").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToArray();
        // Unpooled: the drill kills the server under the client's own pooled connections too.
        var connection = options.Required("connection") + ";Pooling=false";
        var seconds = options.Long("seconds", 150);
        var workers = (int)options.Long("workers", 8);
        var eventsFile = options.Optional("events");
        if (nodes.Length == 0 || nodes.Any(n => !n.IsLoopback) || seconds is < 10 or > 1800 || workers is < 1 or > 64)
        {
            Console.Error.WriteLine("--base-urls: loopback addresses only; --seconds 10–1800; --workers 1–64");
            return 2;
        }
        var villages = await IntakeBenchmark.LoadVillagesAsync(connection);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var matters = IntakeMatters.Load("synthetic", runId);
        var clients = new HttpClient[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            clients[i] = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
            { BaseAddress = nodes[i], Timeout = TimeSpan.FromSeconds(15) };
            await IntakeBenchmark.SignInAsync(clients[i]);
        }

        var start = Stopwatch.StartNew();
        // The drill's events are stamped by the shell's clock; the timeline lines them up by the same wall clock.
#pragma warning disable RS0030
        var startedAt = DateTimeOffset.UtcNow;
#pragma warning restore RS0030
        long Second() => (long)start.Elapsed.TotalSeconds;
        var answers = new ConcurrentBag<Answer>();
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var sent = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var leaseLog = new ConcurrentBag<(long Second, string Lease, string Holder)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        long counter = 0;

        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var node = w % nodes.Length;
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref counter);
                var key = $"drill-{runId}-{n}";
                sent[key] = node;
                while (!stop.IsCancellationRequested)
                {
                    var (kind, wait) = await SendAsync(clients[node], key, villages, matters, n, random, acknowledged, stop.Token);
                    if (kind is null)
                    {
                        break;
                    }
                    answers.Add(new Answer(Second(), node, kind, wait is not null));
                    if (kind is "201" or "200")
                    {
                        break;
                    }
                    try
                    {
                        await Task.Delay(wait ?? TimeSpan.FromSeconds(1), stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        })).ToList();
        var leases = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var conn = new NpgsqlConnection(connection + ";Timeout=2");
                    await conn.OpenAsync(stop.Token);
                    await using var cmd = new NpgsqlCommand("SELECT \"Name\", coalesce(\"Holder\", '') FROM \"Leases\" WHERE \"ExpiresAt\" > now() ORDER BY 1", conn);
                    await using var r = await cmd.ExecuteReaderAsync(stop.Token);
                    while (await r.ReadAsync(stop.Token))
                    {
                        leaseLog.Add((Second(), r.GetString(0), r.GetString(1)));
                    }
                }
                catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
                {
                    // The database is down: no holder can be read this second.
                }
                try
                {
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        await Task.WhenAll(load.Append(leases));

        PrintTimeline(answers, leaseLog, nodes.Length, startedAt, eventsFile);

        // Every key once more, on the first node that answers: an acknowledged key must come back 200 with its code.
        int replayedOk = 0, replayedOther = 0, newlyCreated = 0, unanswered = 0;
        await Parallel.ForEachAsync(sent.Keys, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (key, ct) =>
        {
            var random = new Random(key.GetHashCode(StringComparison.Ordinal));
            for (var attempt = 0; attempt < nodes.Length * 3; attempt++)
            {
                var seen = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
                var (kind, _) = await SendAsync(clients[attempt % nodes.Length], key, villages, matters, 0, random, seen, ct);
                if (kind is "200" or "201")
                {
                    if (acknowledged.TryGetValue(key, out var code))
                    {
                        Interlocked.Increment(ref kind == "200" && seen[key] == code ? ref replayedOk : ref replayedOther);
                    }
                    else if (kind == "201")
                    {
                        Interlocked.Increment(ref newlyCreated);
                    }
                    return;
                }
                await Task.Delay(500, ct);
            }
            Interlocked.Increment(ref unanswered);
        });
        var (missing, duplicated, wrongKey) = await IntakeBenchmark.VerifyAsync(connection, [.. acknowledged.Select(a => (a.Key, a.Value))]);
        var statuses = answers.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        Console.WriteLine($"answers: {string.Join(", ", statuses)}; 503 without Retry-After: {answers.Count(a => a.Kind == "503" && !a.RetryAfter)}");
        Console.WriteLine($"keys sent {sent.Count:N0}, acknowledged {acknowledged.Count:N0}");
        Console.WriteLine($"second round: acknowledged keys answered 200 with their code {replayedOk:N0}, otherwise {replayedOther}; unacknowledged keys registered now {newlyCreated:N0}; no answer {unanswered}");
        Console.WriteLine($"verification: missing {missing}, duplicated {duplicated}, stored with another key {wrongKey}");
        var server500 = answers.Count(a => a.Kind == "500");
        return missing == 0 && duplicated == 0 && wrongKey == 0 && replayedOther == 0 && server500 == 0 ? 0 : 1;
    }

    /// <summary>One attempt: "201"/"200"/"503"/… or "no answer"; null when stopped. Records a 201's code.</summary>
    private static async Task<(string? Kind, TimeSpan? RetryAfter)> SendAsync(HttpClient http, string key, string[] villages, IntakeMatters matters, long n, Random random,
        ConcurrentDictionary<string, string> acknowledged, CancellationToken ct)
    {
        try
        {
            using var response = await IntakeBenchmark.PostAsync(http, key, villages, matters, n, random, ct);
            var status = (int)response.StatusCode;
            if (status is 200 or 201)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                acknowledged.TryAdd(key, body.RootElement.GetProperty("trackingCode").GetString()!);
            }
            return (status.ToString(CultureInfo.InvariantCulture), response.Headers.RetryAfter?.Delta);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (null, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return ("no answer", null);
        }
    }

    private static void PrintTimeline(IEnumerable<Answer> answers, IEnumerable<(long Second, string Lease, string Holder)> leases, int nodes, DateTimeOffset startedAt, string? eventsFile)
    {
        var events = new Dictionary<long, List<string>>();
        if (eventsFile is not null && File.Exists(eventsFile))
        {
            foreach (var line in File.ReadAllLines(eventsFile))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ms))
                {
                    var second = (long)Math.Floor((DateTimeOffset.FromUnixTimeMilliseconds(ms) - startedAt).TotalSeconds);
                    (events.TryGetValue(second, out var list) ? list : events[second] = []).Add(parts[1]);
                }
            }
        }
        var bySecond = answers.GroupBy(a => a.Second).ToDictionary(g => g.Key, g => g.ToList());
        var holders = leases.GroupBy(l => l.Second).ToDictionary(g => g.Key, g => g.ToList());
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Short(string holder) => holder.Length == 0 ? "-" : names.TryGetValue(holder, out var s) ? s : names[holder] = "H" + (names.Count + 1).ToString(CultureInfo.InvariantCulture);
        var last = Math.Max(bySecond.Keys.DefaultIfEmpty(0).Max(), events.Keys.DefaultIfEmpty(0).Max());
        Console.WriteLine("second | per node: 201 200 503 500 other no-answer | lease holders | event");
        for (var s = 0L; s <= last; s++)
        {
            var row = bySecond.GetValueOrDefault(s) ?? [];
            var perNode = Enumerable.Range(0, nodes).Select(n =>
            {
                var a = row.Where(x => x.Node == n).ToList();
                int Count(string k) => a.Count(x => x.Kind == k);
                var other = a.Count(x => x.Kind is not ("201" or "200" or "503" or "500" or "no answer"));
                return $"{Count("201"),4} {Count("200"),3} {Count("503"),3} {Count("500"),3} {other,3} {Count("no answer"),3}";
            });
            var held = holders.TryGetValue(s, out var h) ? string.Join(" ", h.OrderBy(x => x.Lease, StringComparer.Ordinal).Select(x => $"{x.Lease}={Short(x.Holder)}")) : "(unread)";
            Console.WriteLine($"{s,4} | {string.Join(" | ", perNode)} | {held} | {string.Join("; ", events.GetValueOrDefault(s) ?? [])}");
        }
    }
}
