using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Whistles;

/// <summary>
/// Issue 18's whistle friction through the real host: every escalation, the timer's, a supervisor's by hand and the
/// demo's, tells the next level (the whistle's 已通知 was empty); a rating never assumes a mark.
/// </summary>
public sealed class WhistleFrictionTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ActAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(string CaseCode, string Division, Guid Housing, Guid Market)> SettingAsync(int skip)
    {
        await using var db = factory.Database.Context();
        var housing = await db.Units.Where(u => u.Name == "垦利区住房和城乡建设局").Select(u => u.Id).SingleAsync(Ct);
        var market = await db.Units.Where(u => u.Name == "垦利区市场监督管理局").Select(u => u.Id).SingleAsync(Ct);
        // An open case of the district placed in a town (so a town government supervises the street level), no whistle on it yet.
        var c = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.DivisionCode.Length >= 9 && x.State != CaseState.Closed)
            .Where(x => !db.Whistles.Any(w => w.CaseId == x.Id)).OrderBy(x => x.TrackingCode).Skip(skip).Select(x => new { x.TrackingCode, x.DivisionCode }).FirstAsync(Ct);
        return (c.TrackingCode, c.DivisionCode, housing, market);
    }

    [Fact]
    public async Task A_whistle_escalated_by_hand_tells_the_next_level_and_the_departments_still_owing_a_step()
    {
        var (code, division, housing, market) = await SettingAsync(0);
        var clerk = await factory.SignedInAsync("clerk");
        var blown = await ActAsync(clerk, $"/api/cases/{code}/whistles", new
        {
            source = "ResidentRequest", level = "Community", reason = "小区积水涉及住建、市场监管",
            departments = new[] { new { departmentId = housing, task = "排查管网" }, new { departmentId = market, task = "查处违规商户" } },
        }, HttpStatusCode.Created);
        var id = blown.GetProperty("id").GetGuid();
        Assert.Empty(blown.GetProperty("notices").EnumerateArray());

        // Nothing is late yet: the clerk raises it by hand, with a reason.
        var escalated = await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Escalate", expectedVersion = 1, text = "两部门相互推诿，提请街道协调" });
        Assert.Equal("Street", escalated.GetProperty("level").GetString());
        var told = escalated.GetProperty("notices").EnumerateArray()
            .Where(n => n.GetProperty("level").GetString() == "Street").Select(n => n.GetProperty("unitId").GetGuid()).ToList();
        await using var db = factory.Database.Context();
        var town = await db.Units.Where(u => u.Kind == UnitKind.Government && u.DivisionCode == division.Substring(0, 9)).Select(u => u.Id).SingleAsync(Ct);
        var blower = await db.Units.Where(u => u.Name == "垦利区信访局").Select(u => u.Id).SingleAsync(Ct);
        Assert.Equal(new HashSet<Guid> { housing, market, blower, town }, told.ToHashSet());
        var notices = await db.Notices.Where(n => n.DedupKey.StartsWith($"whistle:{id:N}:")).ToListAsync(Ct);
        Assert.Equal(4, notices.Count);
        Assert.All(notices, n => Assert.Contains("街道（镇）", n.Subject, StringComparison.Ordinal));
        Assert.Contains(notices, n => n.UnitId == housing && n.Body.Contains("两部门相互推诿", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_s_escalated_whistles_show_whom_each_escalation_told()
    {
        await using var db = factory.Database.Context();
        var escalated = await db.WhistleEvents.Where(e => e.Kind == WhistleEvent.Escalated).Select(e => e.WhistleId).Distinct().ToListAsync(Ct);
        Assert.NotEmpty(escalated);
        foreach (var id in escalated)
        {
            Assert.True(await db.Notices.AnyAsync(n => n.DedupKey.StartsWith($"whistle:{id:N}:"), Ct), $"whistle {id} escalated and told no one");
        }
    }

    [Fact]
    public async Task A_rating_with_a_mark_not_chosen_is_refused_with_the_criterion_named_and_nothing_is_saved()
    {
        var (code, _, housing, _) = await SettingAsync(1);
        var clerk = await factory.SignedInAsync("clerk");
        var handler = await factory.SignedInAsync("handler");
        var id = (await ActAsync(clerk, $"/api/cases/{code}/whistles", new
        {
            source = "MayorHotline", level = "Street", reason = "路面塌陷",
            departments = new[] { new { departmentId = housing, task = "排查管网" } },
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var v = 1;
        foreach (var (action, text) in new[] { ("Acknowledge", (string?)null), ("Act", "已到场"), ("Report", "已修复") })
        {
            v = (await ActAsync(handler, $"/api/whistles/{id}/actions", new { action, expectedVersion = v, text })).GetProperty("version").GetInt32();
        }

        // Timeliness chosen, attitude and result not: the message names both in words, in Chinese only.
        var refused = await ActAsync(clerk, $"/api/whistles/{id}/actions",
            new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 4 }, HttpStatusCode.BadRequest);
        var message = refused.GetProperty("errors").GetProperty("Marks")[0].GetString()!;
        Assert.Equal("请为态度、结果选择评分（1–5 分），评价未保存", message);
        var whistle = await clerk.GetFromJsonAsync<JsonElement>($"/api/whistles/{id}", Ct);
        Assert.Equal(v, whistle.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, whistle.GetProperty("summonses")[0].GetProperty("timeliness").ValueKind);

        // The desk refuses the same marks the page would send, whoever calls it.
        await using (var db = factory.Database.Context())
        {
            Assert.Null(await db.WhistleSummonses.Where(s => s.WhistleId == id).Select(s => s.RatedAt).SingleAsync(Ct));
        }

        var rated = await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 4, attitude = 5, result = 3 });
        Assert.Equal(4, rated.GetProperty("summonses")[0].GetProperty("timeliness").GetInt32());
    }
}
