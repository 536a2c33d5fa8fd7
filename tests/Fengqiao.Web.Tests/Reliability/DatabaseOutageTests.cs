using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fengqiao.Web.Tests.Reliability;

/// <summary>
/// A node whose PostgreSQL goes away and comes back. During the outage every caller hears 503 with Retry-After in its
/// own form and nothing is taken; afterwards the first requests are answered (dead pooled connections are replaced,
/// not handed to requests), and /health tells the truth throughout. PostgreSQL only: SQLite has no server to lose.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private DatabaseLink _link = default!;
    private LinkedNode _node = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (TestDatabase.RequestedProvider != DatabaseProvider.Postgres)
        {
            return;
        }
        _database = await TestDatabase.CreateSeededAsync();
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _link = new DatabaseLink(server.Host!, server.Port);
        server.Host = "127.0.0.1";
        server.Port = _link.Port;
        server.Timeout = 5;
        _node = new LinkedNode(_database, server.ConnectionString);
        _ = _node.Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is null)
        {
            return;
        }
        await _node.DisposeAsync();
        await _link.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static void PostgresOnly()
    {
        if (TestDatabase.RequestedProvider != DatabaseProvider.Postgres)
        {
            Assert.Skip("PostgreSQL only: SQLite has no server that can go away");
        }
    }

    private static HttpRequestMessage Intake(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new
            {
                kind = "Petition",
                channel = "Hotline12345",
                title = "停电期间来电：小区路灯不亮",
                detail = "市民来电反映小区路灯连续三晚不亮",
                divisionCode = "370505001001",
                parties = new[] { new { name = "赵桂兰", phone = "13812340000", isRepresentative = false } },
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>Every connection the node holds, killed by the server as a restart does (57P01 on the next use).</summary>
    private async Task<int> TerminateTheNodesConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(_database.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task After_the_server_killed_the_pooled_connections_every_request_is_answered()
    {
        PostgresOnly();
        var clerk = await _node.SignedInAsync("clerk");
        // Several requests at once, so the pool holds several connections for the server to kill.
        var warm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clerk.GetAsync("/api/cases?take=5", Ct)));
        Assert.All(warm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(await TerminateTheNodesConnectionsAsync() >= 1);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await clerk.GetAsync("/api/cases?take=5", Ct)).StatusCode);
        }
        using var registered = await clerk.SendAsync(Intake("after-restart-" + Guid.NewGuid().ToString("N")), Ct);
        statuses.Add(registered.StatusCode);
        statuses.Add((await _node.Anonymous().GetAsync("/health", Ct)).StatusCode);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 8), HttpStatusCode.Created, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task During_an_outage_callers_hear_503_with_retry_after_and_nothing_is_taken()
    {
        PostgresOnly();
        var clerk = await _node.SignedInAsync("clerk");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/cases?take=5", Ct)).StatusCode);
        var anonymous = _node.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        var key = "outage-" + Guid.NewGuid().ToString("N");

        _link.Cut();
        try
        {
            // The health probe makes a round trip: an idle pooled connection would open without one and say Healthy.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health", Ct)).StatusCode);

            using var api = await clerk.SendAsync(Intake(key), Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal(DatabaseOutage.RetryAfter, api.Headers.RetryAfter?.Delta);
            Assert.True("application/problem+json" == api.Content.Headers.ContentType?.MediaType, await api.Content.ReadAsStringAsync(Ct));
            var problem = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("系统暂时无法访问数据库", problem.GetProperty("title").GetString());
            Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("retryable").GetBoolean());

            using var open311 = await anonymous.GetAsync("/open311/v2/requests.json", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, open311.StatusCode);
            Assert.NotNull(open311.Headers.RetryAfter);
            var errors = await open311.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(503, errors[0].GetProperty("code").GetInt32());
            Assert.Contains("未被受理", errors[0].GetProperty("description").GetString(), StringComparison.Ordinal);

            // The resident portal (static pages): a calm page in words, with the same 503.
            using var page = await anonymous.GetAsync("/portal/services", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.Contains("系统暂时无法访问数据库", html, StringComparison.Ordinal);
            Assert.Contains("没有保存任何内容", html, StringComparison.Ordinal);
        }
        finally
        {
            _link.Restore();
        }

        // Back: the same key registers now (nothing was taken before), and health says so.
        using var retried = await clerk.SendAsync(Intake(key), Ct);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        await using var db = _database.Context();
        Assert.Equal(1, await db.Cases.CountAsync(c => c.IdempotencyKey == key, Ct));
    }

    /// <summary>A node on the seeded copy, reaching its database through the link.</summary>
    private sealed class LinkedNode(TestDatabase database, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.ProviderName);
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Database:MigrateOnStart", "true");
            builder.UseSetting("Demo:SeedOnStart", "true");
            builder.UseSetting("Demo:Scale", "Compact"); // the demo the tests know; the simulated year has its own test
            builder.UseSetting("Logging:Json", "false");
            builder.UseSetting("Clock:StartAt", TestTime.Setting);
            builder.UseSetting("Deadlines:SweepSeconds", "0");
            builder.UseSetting("Notices:DispatchSeconds", "0");
            builder.UseSetting("Whistles:EscalationSeconds", "0");
            builder.UseSetting("Letters:ProposalSeconds", "0");
            builder.UseSetting("Mediation:LimitSweepSeconds", "0");
            builder.UseSetting("Text:ModelPath", Path.Combine(Path.GetTempPath(), $"fengqiao-test-routing-{Environment.ProcessId}.model"));
            builder.UseSetting("Attachments:Root", Path.Combine(Path.GetTempPath(), "fengqiao-attachments-" + Guid.NewGuid().ToString("N")));
        }

        public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        public async Task<HttpClient> SignedInAsync(string userName)
        {
            var client = Anonymous();
            var response = await FormSignIn.SignInAsync(client, userName, "Fengqiao@2026");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return client;
        }
    }
}
