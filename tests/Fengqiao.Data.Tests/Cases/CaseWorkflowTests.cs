using Fengqiao.Core.Audit;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>Intake and lifecycle through the data layer: validation, idempotency, repeats, transitions, conflicts.</summary>
public sealed class CaseWorkflowTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";
    private const string ValidId = "370505198001010016";

    private async Task<T> WithWorkflowAsync<T>(Func<CaseWorkflow, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CaseWorkflow>());
    }

    private async Task<Guid> BureauAsync()
    {
        await using var db = fixture.Database.Context();
        return (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken)).Id;
    }

    private async Task<Guid> UnitAsync(string name)
    {
        await using var db = fixture.Database.Context();
        return (await db.Units.SingleAsync(u => u.Name == name, TestContext.Current.CancellationToken)).Id;
    }

    private async Task<NewCase> RequestAsync(string title = "小区电梯长期故障，物业不维修", string? idNumber = ValidId, string? phone = "13812345678", string? key = null, CaseChannel channel = CaseChannel.Visit) =>
        new(CaseKind.Petition, channel, title, "多次反映无果", KenliVillage, "垦利街道某小区", null, false,
            [new NewParty("王建国", idNumber, phone, false)], null, await BureauAsync(), "clerk", null, key);

    [Fact]
    public async Task A_registered_case_gets_codes_a_deadline_and_a_chained_registration_event()
    {
        var result = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(), "clerk", TestContext.Current.CancellationToken));

        Assert.False(result.Replayed);
        Assert.Matches(@"^KL-\d{4}-\d{6}$", result.Case.TrackingCode);
        Assert.Equal(8, result.Case.QueryCode.Length);
        Assert.Equal(CaseState.Registered, result.Case.State);
        Assert.NotNull(result.Case.DueAt);
        await using var db = fixture.Database.Context();
        var events = await db.CaseEvents.Where(e => e.CaseId == result.Case.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(CaseEventKinds.Registered, Assert.Single(events).Kind);
        Assert.Null(EventChain.FirstBrokenLink(events.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash))));
        Assert.Single(await db.CaseParties.Where(p => p.CaseId == result.Case.Id).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Tracking_numbers_follow_each_other_without_gaps_or_repeats()
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add(await WithWorkflowAsync(async w => (await w.RegisterAsync(await RequestAsync(title: $"编号测试 {i}", idNumber: null), "clerk", TestContext.Current.CancellationToken)).Case.TrackingCode));
        }
        var numbers = codes.Select(c => int.Parse(c[^6..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([numbers[0], numbers[0] + 1, numbers[0] + 2], numbers);
    }

    [Fact]
    public async Task Bad_fields_are_all_reported_at_once_and_nothing_is_stored()
    {
        await using var db = fixture.Database.Context();
        var before = await db.Cases.CountAsync(TestContext.Current.CancellationToken);
        var request = await RequestAsync() with
        {
            Title = " ",
            DivisionCode = "37050X",
            Parties = [new NewParty("张三", "370505198001010017", "12345", false), new NewParty("", null, null, false)],
        };

        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => WithWorkflowAsync(w => w.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken)));

        Assert.Contains("Title", ex.Errors.Keys);
        Assert.Contains("DivisionCode", ex.Errors.Keys);
        Assert.Contains("Parties[0].IdNumber", ex.Errors.Keys);
        Assert.Contains("Parties[0].Phone", ex.Errors.Keys);
        Assert.Contains("Parties[1].Name", ex.Errors.Keys);
        Assert.Contains("Parties[1]", ex.Errors.Keys);
        Assert.Equal(before, await db.Cases.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_collective_petition_needs_five_or_more_people_and_at_most_five_representatives()
    {
        var bureau = await BureauAsync();
        var six = Enumerable.Range(0, 6).Select(i => new NewParty($"代表{i}", null, $"1380000000{i}", true)).ToList();
        var request = new NewCase(CaseKind.Petition, CaseChannel.Visit, "征地补偿款未发放", null, KenliVillage, null, null, false, six, 30, bureau, null, null, null);

        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => WithWorkflowAsync(w => w.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken)));
        Assert.Contains(ex.Errors["Parties"], m => m.Contains("1 to 5 representatives", StringComparison.Ordinal));

        var ok = await WithWorkflowAsync(w => w.RegisterAsync(request with { Parties = six.Take(5).ToList() }, "clerk", TestContext.Current.CancellationToken));
        Assert.Equal(30, ok.Case.GroupSize);
    }

    [Fact]
    public async Task Six_petitioners_with_one_representative_and_no_group_size_are_registered()
    {
        // The limit is on representatives (代表人数不超过 5 人); registration used to count every party against it,
        // refusing six named petitioners with one representative as "at most 5 representatives".
        var bureau = await BureauAsync();
        var six = Enumerable.Range(0, 6).Select(i => new NewParty($"来访人{i}", null, $"1380000010{i}", i == 0)).ToList();
        var request = new NewCase(CaseKind.Petition, CaseChannel.Visit, "村集体收益分配不公", null, KenliVillage, null, null, false, six, null, bureau, null, null, null);

        var ok = await WithWorkflowAsync(w => w.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken));
        Assert.Null(ok.Case.GroupSize);
        await using var db = fixture.Database.Context();
        Assert.Equal(6, await db.CaseParties.CountAsync(p => p.CaseId == ok.Case.Id, TestContext.Current.CancellationToken));

        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => WithWorkflowAsync(w => w.RegisterAsync(
            request with { Parties = [.. six.Select(p => p with { IsRepresentative = true })] }, "clerk", TestContext.Current.CancellationToken)));
        Assert.Contains(ex.Errors["Parties"], m => m.Contains("at most 5 representatives", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_key_creates_one_case()
    {
        var key = Guid.NewGuid().ToString();
        var request = await RequestAsync(title: "重试提交测试", key: key);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => WithWorkflowAsync(w => w.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken))));

        Assert.Single(results.Select(r => r.Case.TrackingCode).Distinct());
        Assert.Equal(5, results.Count(r => r.Replayed));
        await using var db = fixture.Database.Context();
        Assert.Equal(1, await db.Cases.CountAsync(c => c.IdempotencyKey == key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_same_person_raising_the_same_matter_again_is_flagged_as_a_repeat()
    {
        var first = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "养殖场异味影响周边居民生活", idNumber: "370505197502020015"), "clerk", TestContext.Current.CancellationToken));
        var again = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "周边养殖场异味严重影响居民", idNumber: "370505197502020015"), "clerk", TestContext.Current.CancellationToken));
        var other = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "学校门口交通拥堵", idNumber: "370505197502020015"), "clerk", TestContext.Current.CancellationToken));

        Assert.False(first.Case.IsRepeat);
        Assert.True(again.Case.IsRepeat);
        Assert.Contains(first.Case.TrackingCode, again.EarlierCases);
        Assert.False(other.Case.IsRepeat);
    }

    [Fact]
    public async Task A_case_walks_the_statutory_lifecycle_and_replays_from_its_log()
    {
        var registered = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "拖欠农民工工资三个月"), "clerk", TestContext.Current.CancellationToken));
        var code = registered.Case.TrackingCode;
        var hr = await UnitAsync("垦利区人力资源和社会保障局");
        var version = 1;
        async Task StepAsync(Func<NodaTime.Instant, CaseCommand> command)
        {
            var result = await WithWorkflowAsync(w => w.ApplyAsync(code, version, command, TestContext.Current.CancellationToken));
            version = result!.Value.File.Version;
        }

        await StepAsync(t => new AcceptCase(t, "clerk"));
        await StepAsync(t => new AssignCase(t, "clerk", hr));
        await StepAsync(t => new StartHandling(t, "handler"));
        await StepAsync(t => new SubmitReply(t, "handler", "经核查，已督促企业足额支付工资；如不服可申请复查。"));
        var drafted = await WithWorkflowAsync(w => w.LoadAsync(code, TestContext.Current.CancellationToken));
        Assert.NotNull(drafted!.Value.Record.ReplySubmittedAt);
        Assert.Equal(CaseState.InProgress, drafted.Value.Record.State);
        await StepAsync(t => new ReplyToCase(t, "director", "", hr));
        var signed = await WithWorkflowAsync(w => w.LoadAsync(code, TestContext.Current.CancellationToken));
        Assert.Null(signed!.Value.Record.ReplySubmittedAt);
        Assert.Equal("经核查，已督促企业足额支付工资；如不服可申请复查。", signed.Value.File.ReplyText);
        await StepAsync(t => new RateCase(t, "resident", CaseRating.Satisfied));
        await StepAsync(t => new CloseCase(t, "clerk"));

        var loaded = await WithWorkflowAsync(w => w.LoadAsync(code, TestContext.Current.CancellationToken));
        Assert.Equal(CaseState.Closed, loaded!.Value.File.State);
        Assert.Equal(CaseState.Closed, loaded.Value.Record.State);
        Assert.Equal(hr, loaded.Value.Record.HandlingUnitId);
        Assert.Equal(8, loaded.Value.Record.EventCount);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_and_leaves_the_case_as_it_was()
    {
        var registered = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "非法流转测试", idNumber: null), "clerk", TestContext.Current.CancellationToken));

        await Assert.ThrowsAsync<CaseRuleException>(() => WithWorkflowAsync(w => w.ApplyAsync(registered.Case.TrackingCode, 1, t => new CloseCase(t, "clerk"), TestContext.Current.CancellationToken)));

        await using var db = fixture.Database.Context();
        Assert.Equal(1, await db.CaseEvents.CountAsync(e => e.CaseId == registered.Case.Id, TestContext.Current.CancellationToken));
        Assert.Equal(CaseState.Registered, (await db.Cases.SingleAsync(c => c.Id == registered.Case.Id, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task Acting_on_a_stale_version_is_a_conflict_not_a_silent_overwrite()
    {
        var registered = await WithWorkflowAsync(async w => await w.RegisterAsync(await RequestAsync(title: "并发受理测试", idNumber: null), "clerk", TestContext.Current.CancellationToken));
        var code = registered.Case.TrackingCode;

        await WithWorkflowAsync(w => w.ApplyAsync(code, 1, t => new AcceptCase(t, "clerk-one"), TestContext.Current.CancellationToken));
        var ex = await Assert.ThrowsAsync<CaseConflictException>(() => WithWorkflowAsync(w => w.ApplyAsync(code, 1, t => new NotAcceptCase(t, "clerk-two", "不属于受理范围"), TestContext.Current.CancellationToken)));
        Assert.Equal(2, ex.Actual);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await WithWorkflowAsync(w => w.ApplyAsync(code, 2, t => new RequestExtension(t, $"h{i}", 10, "需要现场勘验"), TestContext.Current.CancellationToken));
                return "ok";
            }
            catch (CaseConflictException)
            {
                return "conflict";
            }
            catch (CaseRuleException)
            {
                return "refused";
            }
        }));
        await using var db = fixture.Database.Context();
        var count = await db.CaseEvents.CountAsync(e => e.CaseId == registered.Case.Id, TestContext.Current.CancellationToken);
        Assert.True(results.Count(r => r == "ok") <= 1, string.Join(",", results));
        Assert.Equal(2 + results.Count(r => r == "ok"), count);
    }

    [Fact]
    public async Task Every_seeded_case_replays_from_its_log_to_the_state_of_its_row()
    {
        await using var db = fixture.Database.Context();
        var records = await db.Cases.AsNoTracking().Where(c => c.RegisteredBy == "demo-clerk" || c.RegisteredBy.StartsWith("open311:")).ToListAsync(TestContext.Current.CancellationToken);
        var events = (await db.CaseEvents.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)).ToLookup(e => e.CaseId);
        Assert.Equal(fixture.Seeded.Cases, records.Count);
        Assert.Contains(records, r => r.State == CaseState.Closed);
        Assert.Contains(records, r => r.State is CaseState.Assigned or CaseState.InProgress);
        foreach (var record in records)
        {
            var file = CaseRules.Default.Replay(record.Id, CaseEventLog.Lifecycle(events[record.Id]));
            Assert.Equal(record.State, file.State);
            Assert.Equal(record.EventCount, file.Version);
        }
    }
}
