using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Whistles;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Fengqiao.Web.Tests.Api;

/// <summary>
/// What issue 4's browser journey needs from the API: a whistle's escalation notices per level, escalation refused
/// once the case is closed, an issued letter that cannot be signed off again, and the ranking's counts.
/// </summary>
public sealed class WhistleEscalationApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    /// <summary>Keeps what the host logs under a category, to check that refusals leave a trace.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    sink.Entries.Enqueue((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(string Code, Guid CaseId, Guid Housing, Guid Market)> SettingAsync()
    {
        await using var db = factory.Database.Context();
        var housing = await db.Units.Where(u => u.Name == "垦利区住房和城乡建设局").Select(u => u.Id).SingleAsync(Ct);
        var market = await db.Units.Where(u => u.Name == "垦利区市场监督管理局").Select(u => u.Id).SingleAsync(Ct);
        // The first open case of the district no whistle hangs on yet: each test that blows one moves the next test on.
        var c = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.State != CaseState.Closed && !db.Whistles.Any(w => w.CaseId == x.Id))
            .OrderBy(x => x.TrackingCode).Select(x => new { x.TrackingCode, x.Id }).FirstAsync(Ct);
        return (c.TrackingCode, c.Id, housing, market);
    }

    private async Task<Guid> BlowAsync(HttpClient clerk, string code, Guid housing, Guid market) =>
        (await ActAsync(clerk, $"/api/cases/{code}/whistles", new
        {
            source = "ResidentRequest", level = "Community", reason = "社区协调不动，需部门报到",
            departments = new[] { new { departmentId = housing, task = "排查管网" }, new { departmentId = market, task = "查处违规排放" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>One escalation pass just past the whistle's next due time, against the host's database.</summary>
    private async Task EscalateByTimerAsync(Guid id)
    {
        await using var db = factory.Database.Context();
        await db.Leases.Where(l => l.Name == WhistleEscalationJob.LeaseName).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, Leases.LongAgo), Ct);
        var at = (await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == id, Ct)).NextDueAt!.Value + Duration.FromMinutes(1);
        var run = await new WhistleEscalationJob(db, new WhistleDesk(db, WhistlePolicy.Default(CaseRules.Default.Calculator), new FixedClock(at))).RunOnceAsync("api-test", at, Ct);
        Assert.True(run.RanHere && run.Escalated >= 1);
    }

    [Fact]
    public async Task A_whistle_answers_with_the_notices_each_automatic_escalation_sent()
    {
        var (code, _, housing, market) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var id = await BlowAsync(clerk, code, housing, market);
        Assert.Equal(0, (await clerk.GetFromJsonAsync<JsonElement>($"/api/whistles/{id}", Ct)).GetProperty("notices").GetArrayLength());

        await EscalateByTimerAsync(id);
        var whistle = await clerk.GetFromJsonAsync<JsonElement>($"/api/whistles/{id}", Ct);
        Assert.Equal("Street", whistle.GetProperty("level").GetString());
        var notices = whistle.GetProperty("notices").EnumerateArray().ToList();
        Assert.All(notices, n => Assert.Equal("Street", n.GetProperty("level").GetString()));
        var told = notices.Select(n => n.GetProperty("unitName").GetString()).ToList();
        Assert.Contains("垦利区住房和城乡建设局", told);
        Assert.Contains("垦利区市场监督管理局", told);
        var escalated = whistle.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == WhistleEvent.Escalated);
        Assert.Equal("Street", escalated.GetProperty("level").GetString());
        Assert.Equal("system:escalation", escalated.GetProperty("actor").GetString());

        // A summoned department sees the same notices on the whistle that summons it.
        var handler = await factory.SignedInAsync("handler");
        var seen = await handler.GetFromJsonAsync<JsonElement>($"/api/whistles/{id}", Ct);
        Assert.Equal(notices.Count, seen.GetProperty("notices").GetArrayLength());
    }

    [Fact]
    public async Task Escalating_the_whistle_of_a_closed_case_is_refused_with_the_reason_in_either_language_and_nothing_is_stored()
    {
        var (code, caseId, housing, market) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var id = await BlowAsync(clerk, code, housing, market);
        await using (var db = factory.Database.Context())
        {
            await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, CaseState.Closed), Ct);
        }
        var zh = await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Escalate", expectedVersion = 1, text = "区领导要求提级" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("案件已办结，吹哨不能再升级", zh.GetProperty("title").GetString());
        var en = await ActAsync(clerk, $"/api/whistles/{id}/actions?culture=en", new { action = "Escalate", expectedVersion = 1, text = "区领导要求提级" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("the case is closed; its whistle cannot be escalated", en.GetProperty("title").GetString());
        var whistle = await clerk.GetFromJsonAsync<JsonElement>($"/api/whistles/{id}", Ct);
        Assert.Equal("Community", whistle.GetProperty("level").GetString());
        Assert.Equal(1, whistle.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_issued_letter_cannot_be_signed_off_or_issued_again()
    {
        var (code, _, housing, _) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var admin = await factory.SignedInAsync("admin");
        var id = (await ActAsync(clerk, $"/api/cases/{code}/letters", new { type = "Supervision", recipientUnitId = housing }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Approve", expectedVersion = 1 }, HttpStatusCode.OK);
        var issued = await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Issue", expectedVersion = 2 }, HttpStatusCode.OK);
        var again = await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Approve", expectedVersion = 3 }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不能审签", again.GetProperty("title").GetString(), StringComparison.Ordinal);
        var letter = await admin.GetFromJsonAsync<JsonElement>($"/api/letters/{id}", Ct);
        Assert.Equal(issued.GetProperty("number").GetString(), letter.GetProperty("number").GetString());
        Assert.Equal(3, letter.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_four_refusals_of_the_issue_are_each_given_a_reason_and_logged_with_who_tried()
    {
        var sink = new LogSink();
        factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(sink);
        var (code, caseId, housing, market) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var handler = await factory.SignedInAsync("handler");
        var admin = await factory.SignedInAsync("admin");
        var joint = await factory.SignedInAsync("jointoffice");
        var id = await BlowAsync(clerk, code, housing, market);
        var v = 1;
        foreach (var (action, text) in new[] { ("Acknowledge", (string?)null), ("Act", "已到场"), ("Report", "已疏通") })
        {
            v = (await ActAsync(handler, $"/api/whistles/{id}/actions", new { action, expectedVersion = v, text }, HttpStatusCode.OK)).GetProperty("version").GetInt32();
        }
        var refusals = new List<(string Actor, string Category, string Title)>();

        // 1. Rating a whistle you did not blow.
        var rate = await ActAsync(handler, $"/api/whistles/{id}/actions", new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 5, attitude = 5, result = 5 }, HttpStatusCode.UnprocessableEntity);
        refusals.Add(("handler", "Fengqiao.Whistles", rate.GetProperty("title").GetString()!));
        // 2. Replying to a letter not addressed to your unit.
        var letter = (await ActAsync(clerk, $"/api/cases/{code}/letters", new { type = "Supervision", recipientUnitId = housing }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ActAsync(admin, $"/api/letters/{letter}/actions", new { action = "Approve", expectedVersion = 1 }, HttpStatusCode.OK);
        await ActAsync(admin, $"/api/letters/{letter}/actions", new { action = "Issue", expectedVersion = 2 }, HttpStatusCode.OK);
        var reply = await ActAsync(joint, $"/api/letters/{letter}/actions", new { action = "Reply", expectedVersion = 3, text = "代为回复" }, HttpStatusCode.UnprocessableEntity);
        refusals.Add(("jointoffice", "Fengqiao.Letters", reply.GetProperty("title").GetString()!));
        // 3. Changing an issued letter.
        var change = await ActAsync(admin, $"/api/letters/{letter}/actions", new { action = "Approve", expectedVersion = 3 }, HttpStatusCode.UnprocessableEntity);
        refusals.Add(("admin", "Fengqiao.Letters", change.GetProperty("title").GetString()!));
        // 4. Escalating a closed case.
        await using (var db = factory.Database.Context())
        {
            await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, CaseState.Closed), Ct);
        }
        var escalate = await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Escalate", expectedVersion = v, text = "提级" }, HttpStatusCode.UnprocessableEntity);
        refusals.Add(("clerk", "Fengqiao.Whistles", escalate.GetProperty("title").GetString()!));

        string[] reasons = ["只有吹哨单位可以评价", "并非发给本单位", "不能审签", "案件已办结，吹哨不能再升级"];
        Assert.All(reasons.Zip(refusals), x => Assert.Contains(x.First, x.Second.Title, StringComparison.Ordinal));
        foreach (var (actor, category, title) in refusals)
        {
            Assert.Contains(sink.Entries, e => e.Category == category && e.Level == LogLevel.Warning && e.Message.StartsWith($"{actor} was refused", StringComparison.Ordinal)
                && e.Message.Contains(title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_ranking_gives_the_counts_behind_the_letters_and_overdue_indicators()
    {
        var admin = await factory.SignedInAsync("admin");
        var ranking = await admin.GetFromJsonAsync<JsonElement>("/api/rankings/ranking?cohort=Departments&county=370505", Ct);
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var lettersMax = rows.Max(r => r.GetProperty("lettersReceived").GetInt32());
        var overdueMax = rows.Max(r => r.GetProperty("overdueCount").GetInt32());
        foreach (var r in rows)
        {
            // A count no ranked unit had is no data (null), not full points.
            decimal? Scaled(int count, int max) => max == 0 ? null : 1m - (decimal)count / max;
            decimal? Read(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
            Assert.Equal(Scaled(r.GetProperty("lettersReceived").GetInt32(), lettersMax), Read(r.GetProperty("letters")));
            Assert.Equal(Scaled(r.GetProperty("overdueCount").GetInt32(), overdueMax), Read(r.GetProperty("overdue")));
            Assert.InRange(r.GetProperty("closedOnTime").GetInt32(), 0, r.GetProperty("casesDue").GetInt32());
        }
    }
}
