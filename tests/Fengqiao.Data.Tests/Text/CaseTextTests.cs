using Fengqiao.Data.Scope;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Text;

/// <summary>Text intelligence over the real store: the near-duplicate index, repeats at intake, training data, hot topics.</summary>
public sealed class CaseTextTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";

    // A real message of the shared data set's kind (a resident complaining about a concrete plant next to an estate).
    private const string PlantDetail = "丽发新城小区旁边的搅拌站每天从早到晚生产，粉尘和噪音严重影响小区居民的正常生活，" +
        "晚上十点以后还有大型车辆进出，业主多次向有关部门反映，至今没有得到解决，请求相关部门尽快依法处理搬迁搅拌站。";

    private async Task<T> WithWorkflowAsync<T>(Func<CaseWorkflow, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CaseWorkflow>());
    }

    private async Task<NewCase> RequestAsync(string title, string detail, string idNumber, string? categoryCode = null)
    {
        await using var db = fixture.Database.Context();
        var bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken)).Id;
        return new NewCase(CaseKind.Petition, CaseChannel.Letter, title, detail, KenliVillage, null, categoryCode, false,
            [new NewParty("李秀英", idNumber, "13912345678", false)], null, bureau, "clerk", null, null);
    }

    private Task<IntakeResult> RegisterAsync(NewCase request) =>
        WithWorkflowAsync(w => w.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken));

    [Fact]
    public async Task The_index_is_rebuilt_from_the_database_and_finds_each_case_by_its_matter()
    {
        using var index = new CaseMatterIndex();
        await using var db = fixture.Database.Context();

        var added = await index.CatchUpAsync(db, TestContext.Current.CancellationToken);

        var stored = await db.Cases.CountAsync(TestContext.Current.CancellationToken);
        Assert.True(stored >= 300, $"demo cases: {stored}");
        Assert.Equal(stored, added);
        Assert.NotNull(index.CaughtUpTo);
        var sample = await db.Cases.OrderBy(c => c.TrackingCode).Skip(17).FirstAsync(TestContext.Current.CancellationToken);
        var matches = index.Query(sample.Title, sample.Detail, 50);
        var self = Assert.Single(matches, m => m.CaseId == sample.Id);
        Assert.True(self.Similarity >= 0.9, $"self-similarity {self.Similarity}");
        Assert.Equal(0, await index.CatchUpAsync(db, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Intake_updates_this_nodes_index_at_once_and_another_node_catches_up()
    {
        var thisNode = fixture.Services.GetRequiredService<CaseMatterIndex>();
        using var otherNode = new CaseMatterIndex();
        await using (var db = fixture.Database.Context())
        {
            await otherNode.CatchUpAsync(db, TestContext.Current.CancellationToken);
        }
        var before = thisNode.Count;

        var stored = await RegisterAsync(await RequestAsync("垦东社区供暖温度长期不达标", "垦东社区三号楼冬季室内温度只有十四度，老人孩子受冻，热力公司一直推诿，请求督促整改供暖。", "370505198203030015"));

        Assert.Equal(before + 1, thisNode.Count);
        Assert.Contains(thisNode.Query(stored.Case.Title, stored.Case.Detail), m => m.CaseId == stored.Case.Id);
        Assert.DoesNotContain(otherNode.Query(stored.Case.Title, stored.Case.Detail), m => m.CaseId == stored.Case.Id);
        await using (var db = fixture.Database.Context())
        {
            Assert.Equal(1, await otherNode.CatchUpAsync(db, TestContext.Current.CancellationToken));
        }
        Assert.Contains(otherNode.Query(stored.Case.Title, stored.Case.Detail), m => m.CaseId == stored.Case.Id);
    }

    [Fact]
    public async Task The_same_matter_from_someone_else_is_ranked_with_its_similarity_and_the_same_person_makes_a_repeat()
    {
        var first = await RegisterAsync(await RequestAsync("丽发新城小区旁搅拌站粉尘噪音扰民", PlantDetail, "370505198505050011"));
        // Another resident sends nearly the same text (a copied complaint).
        var copy = await RegisterAsync(await RequestAsync("丽发新城小区旁搅拌站粉尘噪音扰民严重", PlantDetail.Replace("至今", "到现在", StringComparison.Ordinal), "370505199001010010"));
        // The first resident writes again, reusing most of the first letter (the common way a matter is raised again).
        var again = await RegisterAsync(await RequestAsync("再次反映丽发新城搅拌站噪音粉尘问题", "上个月已经反映过，仍未解决：" + PlantDetail.Replace("每天从早到晚生产", "还在日夜生产", StringComparison.Ordinal), "370505198505050011"));

        Assert.False(copy.Case.IsRepeat);
        var sameMatter = Assert.Single(copy.Similar!, c => c.TrackingCode == first.Case.TrackingCode);
        Assert.False(sameMatter.SamePerson);
        Assert.True(sameMatter.Similarity >= 0.5, $"copy similarity {sameMatter.Similarity}");

        Assert.True(again.Case.IsRepeat);
        Assert.Contains(first.Case.TrackingCode, again.EarlierCases);
        var top = again.Similar![0];
        Assert.Equal(first.Case.TrackingCode, top.TrackingCode);
        Assert.True(top.SamePerson && top.IsRepeat);
        Assert.InRange(top.Similarity, MatterSimilarity.RepeatThreshold, 1.0);
        Assert.Equal(again.Similar.OrderByDescending(c => c.IsRepeat).ThenByDescending(c => c.Similarity).Select(c => c.TrackingCode), again.Similar.Select(c => c.TrackingCode));
    }

    [Fact]
    public async Task A_same_matter_hint_outside_the_clerks_scope_is_not_shown_but_the_persons_own_earlier_case_is()
    {
        const string Detail = "城北物流园货车夜间进出，鸣笛和卸货噪音持续到凌晨，周边三个小区居民无法休息，请求限制夜间作业。";
        var mine = await RegisterAsync(await RequestAsync("城北物流园货车夜间噪音扰民", Detail, "370505198808080015"));
        var someoneElse = await RegisterAsync(await RequestAsync("城北物流园货车夜间噪音扰民严重", Detail, "370505199202020012"));
        // A clerk of another unit with no area: neither case is in the clerk's scope.
        var outsider = new AccessScope(ScopeKind.Unit, Guid.NewGuid(), null, "outsider");
        await using var db = fixture.Database.Context(new FixedAccessScopeProvider(outsider));
        var workflow = CaseWorkflow.For(db, fixture.Services);

        var preview = await workflow.PreviewEarlierAsync("城北物流园货车夜间噪音", Detail, null,
            [new NewParty("赵志强", "370505198808080015", null, false)], TestContext.Current.CancellationToken);

        // Identity does not depend on who registers: the person's own case is found; another resident's is not told.
        Assert.Contains(preview, c => c.TrackingCode == mine.Case.TrackingCode && c.SamePerson);
        Assert.DoesNotContain(preview, c => c.TrackingCode == someoneElse.Case.TrackingCode);
        var everywhere = await WithWorkflowAsync(w => w.PreviewEarlierAsync("城北物流园货车夜间噪音", Detail, null,
            [new NewParty("赵志强", "370505198808080015", null, false)], TestContext.Current.CancellationToken));
        Assert.Contains(everywhere, c => c.TrackingCode == someoneElse.Case.TrackingCode && !c.SamePerson);
    }

    [Fact]
    public async Task The_preview_while_typing_finds_earlier_cases_and_stores_nothing()
    {
        var first = await RegisterAsync(await RequestAsync("城南农贸市场周边污水横流", "城南农贸市场东侧下水道堵塞多日，污水横流，臭味很大，影响周边商户和居民，请求尽快疏通。", "370505197707070016"));
        await using var db = fixture.Database.Context();
        var cases = await db.Cases.CountAsync(TestContext.Current.CancellationToken);
        var residents = await db.Residents.CountAsync(TestContext.Current.CancellationToken);

        var preview = await WithWorkflowAsync(w => w.PreviewEarlierAsync("城南农贸市场污水问题", "城南农贸市场东侧下水道堵塞，污水横流，臭味很大。", null,
            [new NewParty("李秀英", "370505197707070016", null, false), new NewParty("乱填", "123", "abc", false)], TestContext.Current.CancellationToken));

        var hit = Assert.Single(preview, c => c.TrackingCode == first.Case.TrackingCode);
        Assert.True(hit.SamePerson && hit.IsRepeat);
        Assert.Equal(cases, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(residents, await db.Residents.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await WithWorkflowAsync(w => w.PreviewEarlierAsync(" ", null, null, [], TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Overrides_and_closed_cases_become_training_data()
    {
        var registered = await RegisterAsync(await RequestAsync("公交站台广告牌倾斜", "人民路公交站台广告牌严重倾斜，随时可能砸到候车群众。", "370505196808080016"));
        await using var db = fixture.Database.Context();
        db.RoutingFeedback.Add(new RoutingFeedback
        {
            CaseId = registered.Case.Id, Title = registered.Case.Title, Detail = registered.Case.Detail,
            SuggestedCategory = "城乡建设", ChosenCategory = "交通运输", At = TestTime.Now, By = "clerk",
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var data = await TextQueries.OwnTrainingDataAsync(db, TestContext.Current.CancellationToken);

        Assert.Contains(data, m => m.Title == "公交站台广告牌倾斜" && m.Label == "交通运输");
        var closedWithCategory = await db.Cases.CountAsync(c => c.State == CaseState.Closed && c.CategoryCode != null, TestContext.Current.CancellationToken);
        Assert.Equal(closedWithCategory + await db.RoutingFeedback.CountAsync(TestContext.Current.CancellationToken), data.Count);
        var firstLevel = (await TextQueries.FirstLevelNamesAsync(db, TestContext.Current.CancellationToken)).Values.ToHashSet();
        Assert.All(data, m => Assert.Contains(m.Label, firstLevel));
    }

    [Fact]
    public async Task The_demo_registers_real_messages_through_intake_so_writers_who_wrote_again_are_repeats()
    {
        await using var db = fixture.Database.Context();
        var demo = await db.Cases.Where(c => c.IdempotencyKey!.StartsWith("demo-message-")).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(247, demo.Count);
        Assert.All(demo, c => Assert.Equal(CaseChannel.OnlinePetition, c.Channel));
        Assert.Contains(demo, c => c.IsRepeat && c.RepeatOf is not null);
        var topics = await TextQueries.HotTopicsAsync(db, TestTime.Now, 90, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("丽发新城", topics[0].Topic.Name, StringComparison.Ordinal);
        // Writers are told apart by their phone: fewer people than cases in the biggest topic.
        Assert.True(topics[0].Topic.People <= topics[0].Topic.Messages);
        Assert.DoesNotContain(topics, t => t.Topic.Name.StartsWith('：'));
    }

    [Fact]
    public async Task Recent_cases_of_one_place_and_matter_form_a_named_hot_topic()
    {
        var codes = new List<string>();
        string[] ids = ["370505198101010013", "370505198202020018", "370505198303030012", "370505198404040017"];
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var r = await RegisterAsync(await RequestAsync($"盛世华庭小区{(i % 2 == 0 ? "地下车库" : "车库")}长期积水", $"盛世华庭小区地下车库长期积水，物业不处理，车辆被泡，第{i + 1}次反映。", id));
            codes.Add(r.Case.TrackingCode);
        }
        await using var db = fixture.Database.Context();

        var topics = await TextQueries.HotTopicsAsync(db, TestTime.Now, 90, cancellationToken: TestContext.Current.CancellationToken);

        var topic = Assert.Single(topics, t => t.Cases.Any(c => c.TrackingCode == codes[0]));
        Assert.All(codes, code => Assert.Contains(topic.Cases, c => c.TrackingCode == code));
        Assert.Equal(4, topic.Topic.People);
        Assert.Contains("盛世华庭", topic.Topic.Name, StringComparison.Ordinal);
        Assert.Equal(topics.OrderByDescending(t => t.Topic.Heat).Select(t => t.Rank), topics.Select(t => t.Rank));
    }
}
