using System.Net;
using System.Text;
using System.Text.Json;
using Fengqiao.Data.Text;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Text intelligence through the API: suggestions, overrides, earlier cases, hot topics, reply checks, retraining.</summary>
public sealed class TextApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Intake(string title, string detail, string phone, string? categoryCode = null) => new
    {
        kind = "Petition",
        channel = "Letter",
        title,
        detail,
        divisionCode = "370505001001",
        categoryCode,
        parties = new[] { new { name = "孙丽华", phone, isRepresentative = false } },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    /// <summary>The model trains (or loads) in the background at start; wait until it is in use.</summary>
    private static async Task WaitForModelAsync(HttpClient client)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/text/routing", Ct);
            if (status.GetProperty("state").GetString() == "Ready")
            {
                return;
            }
            Assert.NotEqual("Failed", status.GetProperty("state").GetString());
            await Task.Delay(500, Ct);
        }
        Assert.Fail("the routing model did not become ready");
    }

    private async Task<string> FirstLevelCodeAsync(string name)
    {
        await using var db = factory.Database.Context();
        return await db.Categories.Where(c => c.Level == 1 && c.Name == name).Select(c => c.Code).SingleAsync(Ct);
    }

    [Fact]
    public async Task A_clerk_gets_ranked_category_suggestions_with_department_and_confidence()
    {
        var clerk = await factory.SignedInAsync("clerk");
        await WaitForModelAsync(clerk);

        var response = await JsonAsync(await clerk.PostAsJsonAsync("/api/text/suggest", new { title = "建筑工地拖欠农民工工资", detail = "我们在工地干了半年，老板一直拖欠工资不发，劳动监察也不管。" }, Ct));

        Assert.Equal("Ready", response.GetProperty("state").GetString());
        var suggestions = response.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(3, suggestions.Count);
        Assert.Equal("劳动和社会保障", suggestions[0].GetProperty("category").GetString());
        Assert.Equal("区人力资源和社会保障局", suggestions[0].GetProperty("department").GetString());
        Assert.Equal(await FirstLevelCodeAsync("劳动和社会保障"), suggestions[0].GetProperty("categoryCode").GetString());
        var confidences = suggestions.Select(s => s.GetProperty("confidence").GetDouble()).ToList();
        Assert.Equal(confidences.OrderDescending(), confidences);
        Assert.True(confidences[0] > 0.5 && confidences.Sum() <= 1.0001, string.Join(",", confidences));
    }

    [Fact]
    public async Task Bad_requests_get_localised_field_errors()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var empty = await clerk.PostAsJsonAsync("/api/text/suggest", new { title = " ", detail = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写诉求事项或内容", (await JsonAsync(empty)).GetProperty("errors").GetProperty("Title")[0].GetString(), StringComparison.Ordinal);
        var english = await clerk.PostAsJsonAsync("/api/text/suggest?culture=en", new { title = new string('长', 201) }, Ct);
        Assert.Equal("the matter is limited to 200 characters", (await JsonAsync(english)).GetProperty("errors").GetProperty("Title")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync("/api/text/suggest", new { title = "路灯", k = 0 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/text/hot-topics?days=0", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/text/hot-topics?top=500", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync("/api/text/earlier", new { title = "" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsJsonAsync("/api/text/replies/check", new { reply = "已处理" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsJsonAsync("/api/text/replies/check", new { trackingCode = "KL-1999-000001", reply = "已处理" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_override_at_intake_is_stored_as_training_data_and_an_agreement_is_not()
    {
        var clerk = await factory.SignedInAsync("clerk");
        await WaitForModelAsync(clerk);
        const string title = "包工头拖欠装修工人工资";
        const string detail = "装修公司包工头拖欠我们八名工人三个月工资共六万元，多次讨要无果。";

        var overridden = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake(title, detail, "13900005555", await FirstLevelCodeAsync("城乡建设")), Ct));
        var agreed = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake(title + "（二）", detail, "13900006666", await FirstLevelCodeAsync("劳动和社会保障")), Ct));

        await using var db = factory.Database.Context();
        var feedback = await (from f in db.RoutingFeedback join c in db.Cases on f.CaseId equals c.Id
                              where c.TrackingCode == overridden.GetProperty("trackingCode").GetString() select f).SingleAsync(Ct);
        Assert.Equal("劳动和社会保障", feedback.SuggestedCategory);
        Assert.Equal("城乡建设", feedback.ChosenCategory);
        Assert.Equal("clerk", feedback.By);
        Assert.False(await (from f in db.RoutingFeedback join c in db.Cases on f.CaseId equals c.Id
                            where c.TrackingCode == agreed.GetProperty("trackingCode").GetString() select f).AnyAsync(Ct));
    }

    [Fact]
    public async Task Cases_registered_through_the_api_are_indexed_and_a_repeat_names_the_earlier_case_with_its_similarity()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var index = factory.Services.GetRequiredService<CaseMatterIndex>();
        const string detail = "垦利街道幸福里小区北门外的烧烤摊每天营业到凌晨两点，油烟和噪音严重影响楼上居民休息，多次向城管反映未解决，请求依法取缔。";
        var before = index.Count;

        var first = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("幸福里小区北门烧烤摊油烟噪音扰民", detail, "13900007777"), Ct));
        Assert.True(index.Count > before);

        // Before submitting, the desk asks who raised it before: nothing is stored by asking.
        await using (var db = factory.Database.Context())
        {
            var cases = await db.Cases.CountAsync(Ct);
            var preview = await JsonAsync(await clerk.PostAsJsonAsync("/api/text/earlier", new { title = "幸福里小区烧烤摊扰民", detail, parties = new[] { new { name = "孙丽华", phone = "13900007777" } } }, Ct));
            var hit = preview.EnumerateArray().First();
            Assert.Equal(first.GetProperty("trackingCode").GetString(), hit.GetProperty("trackingCode").GetString());
            Assert.True(hit.GetProperty("isRepeat").GetBoolean());
            Assert.Equal(cases, await db.Cases.CountAsync(Ct));
        }

        var neighbour = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("幸福里小区北门烧烤摊扰民", detail, "13900008888"), Ct));
        Assert.False(neighbour.GetProperty("isRepeat").GetBoolean());
        var sameMatter = neighbour.GetProperty("similar").EnumerateArray().Single(c => c.GetProperty("trackingCode").GetString() == first.GetProperty("trackingCode").GetString());
        Assert.False(sameMatter.GetProperty("samePerson").GetBoolean());
        Assert.True(sameMatter.GetProperty("similarity").GetDouble() >= 0.5);

        var again = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("再次反映幸福里小区烧烤摊扰民", "上次反映后仍未解决。" + detail, "13900007777"), Ct));
        Assert.True(again.GetProperty("isRepeat").GetBoolean());
        Assert.Contains(first.GetProperty("trackingCode").GetString(), again.GetProperty("earlierCases").EnumerateArray().Select(e => e.GetString()));
        var top = again.GetProperty("similar")[0];
        Assert.Equal(first.GetProperty("trackingCode").GetString(), top.GetProperty("trackingCode").GetString());
        Assert.True(top.GetProperty("samePerson").GetBoolean() && top.GetProperty("isRepeat").GetBoolean());

        // Another district's clerk is not told about cases outside its scope.
        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        var foreign = await JsonAsync(await qingpu.PostAsJsonAsync("/api/text/earlier", new { title = "幸福里小区北门烧烤摊油烟噪音扰民", detail }, Ct));
        Assert.Empty(foreign.EnumerateArray());
    }

    [Fact]
    public async Task The_hot_topics_of_the_demo_are_the_real_data_sets_issues_and_export_as_csv()
    {
        var clerk = await factory.SignedInAsync("clerk");

        var topics = (await clerk.GetFromJsonAsync<JsonElement>("/api/text/hot-topics?days=90&top=10", Ct)).EnumerateArray().ToList();

        Assert.InRange(topics.Count, 3, 10);
        Assert.Contains("丽发新城", topics[0].GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.True(topics[0].GetProperty("cases").GetInt32() >= 40, topics[0].ToString());
        Assert.Equal(topics[0].GetProperty("cases").GetInt32(), topics[0].GetProperty("members").GetArrayLength());
        Assert.Contains(topics.Take(5), t => t.GetProperty("name").GetString()!.Contains("伊景园", StringComparison.Ordinal));
        var heats = topics.Select(t => t.GetProperty("heat").GetDouble()).ToList();
        Assert.Equal(heats.OrderDescending(), heats);

        var csv = await clerk.GetAsync("/api/text/hot-topics.csv?days=90", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rank,name,place", lines[0], StringComparison.Ordinal);
        Assert.Contains("丽发新城", lines[1], StringComparison.Ordinal);

        // Qingpu's clerk sees none of Kenli's cases, so none of its topics.
        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        var theirs = (await qingpu.GetFromJsonAsync<JsonElement>("/api/text/hot-topics", Ct)).EnumerateArray();
        Assert.DoesNotContain(theirs, t => t.GetProperty("name").GetString()!.Contains("丽发新城", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_reply_is_flagged_before_it_goes_out()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var code = (await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("垦利街道新兴路路灯损坏", "新兴路中段十几盏路灯损坏一个多月，晚上行人看不见路。", "13900009999"), Ct))).GetProperty("trackingCode").GetString();

        var terse = await JsonAsync(await clerk.PostAsJsonAsync("/api/text/replies/check", new { trackingCode = code, reply = "已转交有关部门。" }, Ct));
        var full = await JsonAsync(await clerk.PostAsJsonAsync("/api/text/replies/check", new
        {
            trackingCode = code,
            reply = "您反映的垦利街道新兴路路灯损坏问题，经查，新兴路中段12盏路灯因线路老化损坏。根据《城市照明管理规定》第十条，已责令维护单位更换线路，路灯已于本周修复。如不服本答复，可在收到之日起30日内向上一级机关申请复查。",
        }, Ct));

        var terseCodes = terse.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("too-short", terseCodes);
        Assert.Contains("no-facts", terseCodes);
        Assert.Contains("no-remedy", terseCodes);
        Assert.Equal(0, terse.GetProperty("workingDays").GetInt32());
        var fullCodes = full.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain("no-facts", fullCodes);
        Assert.DoesNotContain("no-remedy", fullCodes);
        Assert.DoesNotContain("no-basis", fullCodes);
        Assert.True(full.GetProperty("relevance").GetDouble() > terse.GetProperty("relevance").GetDouble());

        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.PostAsJsonAsync("/api/text/replies/check", new { trackingCode = code, reply = "已处理" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_retrains_from_closed_cases_and_overrides_and_the_new_model_takes_over()
    {
        var admin = await factory.SignedInAsync("admin");
        await WaitForModelAsync(admin);

        var started = await admin.PostAsync("/api/text/routing/retrain", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var busy = await admin.PostAsync("/api/text/routing/retrain", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        // Suggestions keep coming from the old model while the new one trains.
        Assert.Equal(3, (await JsonAsync(await admin.PostAsJsonAsync("/api/text/suggest", new { title = "学校乱收费" }, Ct))).GetProperty("suggestions").GetArrayLength());
        await WaitForModelAsync(admin);

        var status = await admin.GetFromJsonAsync<JsonElement>("/api/text/routing", Ct);
        await using var db = factory.Database.Context();
        var own = (await TextQueries.OwnTrainingDataAsync(db, Ct)).Count;
        Assert.True(own > 0);
        Assert.InRange(status.GetProperty("ownExamples").GetInt32(), 1, own);
        Assert.True(status.GetProperty("examples").GetInt32() > 15_000);
        Assert.Equal(3, (await JsonAsync(await admin.PostAsJsonAsync("/api/text/suggest", new { title = "学校乱收费" }, Ct))).GetProperty("suggestions").GetArrayLength());
    }
}
