using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fengqiao.Data.Audit;
using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.E2E.Reliability;

/// <summary>
/// kill -9 of the web process in the middle of intake load. After a restart, every case the client saw
/// acknowledged is there exactly once, retrying every key (acknowledged or not) creates nothing twice, and every
/// case's hash chain verifies.
/// </summary>
[OnBothDatabases]
public sealed partial class CrashRecoveryTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    // A copy of the seeded template, so the web process starts on the demo without seeding it first.
    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateSeededAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var response = await FormSignIn.SignInAsync(client, "clerk", "Fengqiao@2026");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static HttpRequestMessage Intake(string key, int n)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new
            {
                kind = "Petition",
                channel = "Hotline12345",
                title = $"压力测试来电 {n}：道路积水",
                detail = "市民来电反映道路积水",
                divisionCode = "370505001001",
                parties = new[] { new { name = "测试来电人", phone = "13800000000", isRepresentative = false } },
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Every_acknowledged_case_survives_a_kill_exactly_once_and_the_chains_verify()
    {
        var port = WebProcess.FreePort();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var sent = new ConcurrentDictionary<string, int>();
        var counter = 0;

        await using (var first = await WebProcess.StartAsync(_database, seed: true, port: port))
        {
            var client = await SignInAsync(first.BaseUrl);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref counter);
                    var key = $"crash-{n}-{Guid.NewGuid():N}";
                    sent[key] = n;
                    try
                    {
                        using var response = await client.SendAsync(Intake(key, n), stop.Token);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop.Token);
                            acknowledged[key] = body.GetProperty("trackingCode").GetString()!;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
                    {
                        // The server died under this request: the client does not know whether it was stored.
                        return;
                    }
                }
            })).ToList();

            // Let the load run, then pull the plug while requests are in flight.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Count < 150 && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, Ct);
            }
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} cases were acknowledged before the kill");
        Assert.True(sent.Count > acknowledged.Count, "some requests must have been in flight when the server died");

        await using var second = await WebProcess.StartAsync(_database, seed: false, port: port);
        await using (var db = _database.Context())
        {
            var stored = await db.Cases.Where(c => c.IdempotencyKey != null && c.IdempotencyKey.StartsWith("crash-"))
                .Select(c => new { c.IdempotencyKey, c.TrackingCode }).ToListAsync(Ct);
            Assert.Equal(stored.Count, stored.Select(c => c.IdempotencyKey).Distinct().Count());
            var byKey = stored.ToDictionary(c => c.IdempotencyKey!, c => c.TrackingCode);
            foreach (var (key, code) in acknowledged)
            {
                Assert.True(byKey.TryGetValue(key, out var storedCode) && storedCode == code, $"acknowledged {key} → {code} is missing after the restart");
            }
        }

        // The client retries everything it sent: acknowledged ones come back as they were, the rest are stored once.
        var retry = await SignInAsync(second.BaseUrl);
        foreach (var (key, n) in sent)
        {
            using var response = await retry.SendAsync(Intake(key, n), Ct);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{key}: {response.StatusCode}");
            var code = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("trackingCode").GetString();
            if (acknowledged.TryGetValue(key, out var seen))
            {
                Assert.Equal(seen, code);
            }
        }
        await using (var db = _database.Context())
        {
            var keys = await db.Cases.Where(c => c.IdempotencyKey != null && c.IdempotencyKey.StartsWith("crash-")).Select(c => c.IdempotencyKey).ToListAsync(Ct);
            Assert.Equal(sent.Count, keys.Count);
            Assert.Equal(sent.Count, keys.Distinct().Count());
            var audit = await ChainAudit.VerifyAsync(db, cancellationToken: Ct);
            Assert.Empty(audit.Broken);
            Assert.True(audit.CasesChecked >= sent.Count);
        }
    }
}
