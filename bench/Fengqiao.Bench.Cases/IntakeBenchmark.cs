using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// Load generator for case registration through the public API (POST /api/cases) of a running web node. Signs in
/// as the demo clerk, then N workers each send valid cases with a fresh Idempotency-Key and a random village of the
/// demo districts, until the time or count limit. Afterwards every 201-acknowledged tracking code is looked up in
/// the database: it must exist exactly once, with the key that was sent.
/// </summary>
internal static partial class IntakeBenchmark
{
    private static readonly string[] Channels = ["Visit", "Letter", "OnlinePetition", "Hotline12345", "GridInspection", "PetitionAgent", "AppOrVideo"];

    private sealed record Sample(double Ms, int Status);

    public static async Task<int> RunAsync(Options options)
    {
        var baseUrl = new Uri(options.Required("base-url"));
        var connection = options.Required("connection");
        var workers = (int)options.Long("workers", 32);
        var seconds = options.Long("seconds", 60);
        var max = options.Long("max", 1_000_000);
        var warmup = options.Long("warmup", 200);
        // A load generator must never be pointed at someone else's server, nor run unattended for long.
        if (!baseUrl.IsLoopback)
        {
            Console.Error.WriteLine($"--base-url must be a loopback address (127.0.0.1, ::1, localhost), not {baseUrl.Host}");
            return 2;
        }
        if (seconds is < 1 or > 600 || max is < 1 or > 5_000_000 || workers is < 1 or > 512)
        {
            Console.Error.WriteLine("--seconds must be 1–600, --max 1–5,000,000 and --workers 1–512");
            return 2;
        }
        var serverPid = (int)options.Long("server-pid", 0);
        var postgresPid = (int)options.Long("postgres-pid", 0);

        var villages = await LoadVillagesAsync(connection);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var matters = IntakeMatters.Load(options.Has("synthetic") ? "synthetic" : options.Optional("messages"), runId);
        Console.WriteLine($"matters: {matters.Description}");
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            UseCookies = true,
            MaxConnectionsPerServer = workers,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await SignInAsync(http);

        long issued = 0;
        var acknowledged = new ConcurrentBag<(string Key, string TrackingCode)>();
        var samples = new ConcurrentBag<Sample>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // Warm-up (not measured): JIT, connection pools, EF query caches on the server.
        await Parallel.ForEachAsync(Enumerable.Range(0, (int)warmup), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var key = $"bench-{runId}-w{i}";
            using var response = await PostAsync(http, key, villages, matters, i, new Random(HashCode.Combine(runId, i)), ct);
            if (response.StatusCode == HttpStatusCode.Created && await response.Content.ReadFromJsonAsync<JsonElement>(ct) is var body)
            {
                acknowledged.Add((key, body.GetProperty("trackingCode").GetString()!));
            }
        });
        Console.WriteLine($"warm-up: {warmup} requests, {acknowledged.Count} created");

        var self = Process.GetCurrentProcess();
        var selfCpu0 = self.TotalProcessorTime.TotalSeconds;
        var serverCpu0 = serverPid > 0 ? ProcessCpu.Of(serverPid) : double.NaN;
        var postgresCpu0 = postgresPid > 0 ? ProcessCpu.OfTree(postgresPid) : double.NaN;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(runId, w));
            while (!cts.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref issued);
                if (n > max)
                {
                    break;
                }
                var key = $"bench-{runId}-{n}";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await PostAsync(http, key, villages, matters, warmup + n, random, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync();
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    samples.Add(new Sample(ms, (int)response.StatusCode));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        using var doc = JsonDocument.Parse(body);
                        acknowledged.Add((key, doc.RootElement.GetProperty("trackingCode").GetString()!));
                    }
                    else
                    {
                        errors.AddOrUpdate($"HTTP {(int)response.StatusCode} {Truncate(body)}", 1, (_, c) => c + 1);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    samples.Add(new Sample(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0));
                    errors.AddOrUpdate(ex.GetType().Name + ": " + Truncate(ex.Message), 1, (_, c) => c + 1);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var selfCpu = self.TotalProcessorTime.TotalSeconds - selfCpu0;
        var serverCpu = serverPid > 0 ? ProcessCpu.Of(serverPid) - serverCpu0 : double.NaN;
        var postgresCpu = postgresPid > 0 ? ProcessCpu.OfTree(postgresPid) - postgresCpu0 : double.NaN;

        var all = samples.ToList();
        var created = all.Where(s => s.Status == 201).Select(s => s.Ms).Order().ToList();
        var latencies = all.Select(s => s.Ms).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers {workers}, {elapsed:F1} s, {all.Count:N0} requests, {created.Count:N0} created (201), {all.Count - created.Count:N0} errors"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {created.Count / elapsed:F1} cases/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency, all requests: p50 {Stats.Percentile(latencies, 50):F1} ms, p95 {Stats.Percentile(latencies, 95):F1} ms, p99 {Stats.Percentile(latencies, 99):F1} ms, max {latencies.LastOrDefault():F1} ms"));
        var perCase = Math.Max(created.Count, 1) / 1000.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU during the run (s): web server {serverCpu:F1} ({serverCpu / perCase:F2} ms/case), PostgreSQL {postgresCpu:F1} ({postgresCpu / perCase:F2} ms/case), load generator {selfCpu:F1} ({selfCpu / perCase:F2} ms/case); wall {elapsed:F1} s × 2 cores = {elapsed * 2:F1} core-s"));
        foreach (var (error, n) in errors.OrderByDescending(e => e.Value).Take(10))
        {
            Console.WriteLine($"  {n} × {error}");
        }

        var (missing, duplicated, wrongKey) = await VerifyAsync(connection, [.. acknowledged]);
        Console.WriteLine($"verification: {acknowledged.Count:N0} acknowledged tracking codes (incl. warm-up); missing {missing}, duplicated {duplicated}, stored with another key {wrongKey}");
        return missing == 0 && duplicated == 0 && wrongKey == 0 ? 0 : 1;
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient http, string key, string[] villages, IntakeMatters matters, long n, Random random, CancellationToken ct)
    {
        var (title, detail, name, phone) = matters.Next(n, random);
        var body = new
        {
            kind = random.NextDouble() < 0.25 ? "Dispute" : "Petition",
            channel = Channels[random.Next(Channels.Length)],
            title,
            detail,
            divisionCode = villages[random.Next(villages.Length)],
            parties = new[] { new { name, phone, isRepresentative = false } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request, ct);
    }

    internal static async Task SignInAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("no __RequestVerificationToken on /account/login");
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "clerk",
            ["password"] = "Fengqiao@2026",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var response = await http.PostAsync("/account/login", form);
        if ((int)response.StatusCode is not (302 or 303 or 200))
        {
            throw new InvalidOperationException($"sign-in failed: HTTP {(int)response.StatusCode}");
        }
        Console.WriteLine($"signed in as clerk: HTTP {(int)response.StatusCode} → {response.Headers.Location}");
    }

    internal static async Task<string[]> LoadVillagesAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT \"Code\" FROM \"Divisions\" WHERE \"Level\" = 5", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync())
        {
            list.Add(r.GetString(0));
        }
        Console.WriteLine($"{list.Count:N0} villages in the demo districts");
        return [.. list];
    }

    internal static async Task<(int Missing, int Duplicated, int WrongKey)> VerifyAsync(string connection, List<(string Key, string TrackingCode)> acknowledged)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT a.code, count(c."Id"), count(*) FILTER (WHERE c."IdempotencyKey" IS DISTINCT FROM a.key AND c."Id" IS NOT NULL)
            FROM unnest($1::text[], $2::text[]) AS a(code, key)
            LEFT JOIN "Cases" c ON c."TrackingCode" = a.code
            GROUP BY a.code
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = acknowledged.Select(a => a.TrackingCode).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = acknowledged.Select(a => a.Key).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync();
        int missing = 0, duplicated = 0, wrongKey = 0, codes = 0;
        while (await r.ReadAsync())
        {
            codes++;
            var n = r.GetInt64(1);
            missing += n == 0 ? 1 : 0;
            duplicated += n > 1 ? 1 : 0;
            wrongKey += r.GetInt64(2) > 0 ? 1 : 0;
        }
        // Two acknowledgements with the same tracking code would also be a duplicate.
        duplicated += acknowledged.Count - codes;
        return (missing, duplicated, wrongKey);
    }

    private static string Truncate(string text) => text.Length <= 160 ? text : text[..160];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
