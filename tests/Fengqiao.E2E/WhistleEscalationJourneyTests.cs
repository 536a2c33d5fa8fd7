using Fengqiao.Testing;
using System.Globalization;
using System.Text.RegularExpressions;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Whistles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// Issue 4's whole story in the browser: a village committee blows a whistle summoning two departments; the housing
/// bureau reports and is rated, the other department never answers. The escalation timer, run against the server's
/// own database at instants past each due time (time passes without sleeping), raises the whistle one level at a time
/// to the district leader, and each level shows on the whistle page with whom it told. The petition bureau issues a
/// supervision letter, the joint-meeting office refers the silent department to the discipline commission with its
/// evidence pack, an accountability suggestion follows, every document is opened as .docx, and the monthly ranking
/// shows the silent department's one more overdue and two more letters, with scores the test recomputes from the page.
/// </summary>
public sealed class WhistleEscalationJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The instant the escalation pass runs at: the test's stand-in for time having passed.</summary>
    private sealed class FixedClock(Instant now) : NodaTime.IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    private sealed record RankingRow(string Unit, decimal Score, int Letters, int Overdue, string Rating);

    private static async Task ChooseManyAsync(IPage page, string selectTestId, params string[] options)
    {
        await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
        foreach (var option in options)
        {
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
        }
        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>
    /// The department ranking of a month weighted on letters and overdue alone (10/10), the two indicators whose counts
    /// the page shows, so every score on it can be recomputed from what the page says.
    /// </summary>
    private async Task<Dictionary<string, RankingRow>> RankingAsync(IPage page, string month, string screenshot)
    {
        // The page opens on this month (picked from a calendar, not typed); the caption says which month was ranked.
        await server.OpenAsync(page, "/rankings");
        await Field(page, "w-rating").EnterAsync("0");
        await Field(page, "w-ontime").EnterAsync("0");
        await Field(page, "w-satisfaction").EnterAsync("0");
        await Field(page, "w-letters").EnterAsync("10");
        await Field(page, "w-overdue").EnterAsync("10");
        await page.ClickAsync("[data-testid=assessment-apply]");
        await Assertions.Expect(page.Locator("[data-testid=ranking-caption]")).ToHaveTextAsync($"{month} · 权重：吹哨评价 0、按期办结 0、满意度 0、督办函件 10、超期 10");
        await server.ScreenshotAsync(page, screenshot);
        var rows = new Dictionary<string, RankingRow>(StringComparer.Ordinal);
        foreach (var row in await page.Locator("[data-testid=ranking-table] tbody tr:has([data-testid=ranking-unit])").AllAsync())
        {
            static int Count(string text) => int.Parse(Regex.Match(text, @"\d+").Value, CultureInfo.InvariantCulture);
            var unit = (await row.Locator("[data-testid=ranking-unit]").InnerTextAsync()).Trim();
            rows[unit] = new RankingRow(unit,
                decimal.Parse((await row.Locator("[data-testid=ranking-score]").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture),
                Count(await row.Locator("[data-testid=ranking-letters-count]").InnerTextAsync()),
                Count(await row.Locator("[data-testid=ranking-overdue-count]").InnerTextAsync()),
                (await row.Locator("[data-testid=ranking-rating]").InnerTextAsync()).Trim());
        }
        return rows;
    }

    /// <summary>
    /// The documented formula with weights 0/0/0/10/10: 100 × (10·l + 10·o) / 20, each "fewer is better" count scaled by
    /// the month's worst; a count no ranked unit had is no data and the weights rescale (null when neither has data).
    /// </summary>
    private static decimal? Expected(RankingRow row, int lettersMax, int overdueMax)
    {
        static decimal? FewerIsBetter(int count, int max) => max <= 0 ? null : 1m - (decimal)Math.Min(count, max) / max;
        var (l, o) = (FewerIsBetter(row.Letters, lettersMax), FewerIsBetter(row.Overdue, overdueMax));
        var weight = (l is null ? 0m : 10m) + (o is null ? 0m : 10m);
        return weight == 0 ? null : Math.Round(100m * (10m * (l ?? 0) + 10m * (o ?? 0)) / weight, 2, MidpointRounding.AwayFromZero);
    }

    private static async Task<IReadOnlyList<string>> DownloadDocxAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return OfficialDocx.ReadParagraphs(await File.ReadAllBytesAsync(path!, Ct));
    }

    [Fact]
    public async Task A_village_whistle_climbs_four_levels_when_a_department_never_reports_and_the_letters_referral_and_ranking_show_it()
    {
        const string Housing = "垦利区住房和城乡建设局";
        var open = new[] { SummonsStatus.Summoned, SummonsStatus.Acknowledged, SummonsStatus.Acting };
        string village, villageName, silent;
        bool housingOwesNothingElse;
        await using (var db = server.Database.Context())
        {
            var gridUnit = await db.Users.Where(u => u.UserName == "grid").Select(u => u.UnitId).SingleAsync(Ct);
            var villageUnit = await db.Units.Where(u => u.Id == gridUnit).Select(u => new { u.DivisionCode, u.Name }).SingleAsync(Ct);
            (village, villageName) = (villageUnit.DivisionCode, villageUnit.Name);
            // The silent department: one no other open whistle summons, so the escalation passes below (which raise every
            // due whistle in the database) change its record only through this journey.
            silent = await db.Units.Where(u => u.Kind == UnitKind.Department && u.DivisionCode == "370505" && u.Name != Housing
                    && !db.WhistleSummonses.Any(s => s.DepartmentId == u.Id && open.Contains(s.Status)))
                .OrderBy(u => u.Name).Select(u => u.Name).FirstAsync(Ct);
            // When the housing bureau owes another whistle, the passes below may flag it there; its counts are then not compared.
            housingOwesNothingElse = !await db.WhistleSummonses.AnyAsync(s => s.DepartmentName == Housing && open.Contains(s.Status), Ct);
        }
        var today = TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var month = string.Create(CultureInfo.InvariantCulture, $"{today.Year}年{today.Month}月");

        var office = await server.SignedInPageAsync("jointoffice");
        var before = await RankingAsync(office, month, "escalation-ranking-before");

        // A resident's complaint in the grid member's village, registered by the petition bureau.
        var clerk = await server.SignedInPageAsync("clerk");
        var created = await clerk.APIRequest.PostAsync(server.BaseUrl + "/api/cases", new()
        {
            DataObject = new
            {
                kind = "Dispute", channel = "Visit", title = "小区排水管网堵塞污水外溢", divisionCode = village, address = "和平社区3号楼北侧",
                detail = "连续两周污水外溢，涉及管网维修和沿街商户违规排放，社区无法单独解决。",
                parties = new[] { new { name = "王秀兰", phone = "13905461234", isRepresentative = false } },
            },
        });
        Assert.True(created.Status == 201, $"{created.Status} {await created.TextAsync()}");
        var code = (await created.JsonAsync())!.Value.GetProperty("trackingCode").GetString()!;

        // 吹哨 at the community level by the village committee.
        var grid = await server.SignedInPageAsync("grid");
        await server.OpenAsync(grid, $"/cases/{code}");
        await grid.Locator("[data-testid=blow-panel]").ClickAsync();
        await ChooseAsync(grid, "blow-level", "社区（村）吹哨");
        await grid.Keyboard.PressAsync("Escape");
        await Field(grid, "blow-reason").EnterAsync("污水外溢涉及管网和商户排放，社区协调不动，需要部门报到");
        await ChooseManyAsync(grid, "blow-departments", Housing, silent);
        await Field(grid, "blow-task").EnterAsync("三日内到场排查，十日内反馈处置结果");
        await server.ScreenshotAsync(grid, "escalation-blow");
        await grid.ClickAsync("[data-testid=blow]");
        await Assertions.Expect(grid.Locator("[data-testid=whistle-level]").First).ToHaveTextAsync("社区（村）吹哨");
        await Assertions.Expect(grid.Locator("[data-testid=summons-status]")).ToHaveTextAsync(["未报到", "未报到"]);

        Guid whistleId;
        await using (var db = server.Database.Context())
        {
            whistleId = await db.Whistles.Where(w => db.Cases.Any(c => c.Id == w.CaseId && c.TrackingCode == code)).Select(w => w.Id).SingleAsync(Ct);
        }

        // The housing bureau reports for duty, acts and reports; the village committee rates it.
        var handler = await server.SignedInPageAsync("handler");
        await server.OpenAsync(handler, $"/whistles/{whistleId}");
        var housingRow = handler.Locator("[data-testid=summons]").Filter(new() { HasText = Housing });
        await handler.ClickAsync("[data-testid=step-Acknowledge]");
        await Assertions.Expect(housingRow.Locator("[data-testid=summons-status]")).ToHaveTextAsync("已报到");
        await Field(handler, "step-note").EnterAsync("已到现场排查");
        await handler.ClickAsync("[data-testid=step-Act]");
        await Assertions.Expect(housingRow.Locator("[data-testid=summons-status]")).ToHaveTextAsync("处置中");
        await Field(handler, "step-note").EnterAsync("已疏通主管网，更换破损井盖");
        await handler.ClickAsync("[data-testid=step-Report]");
        await Assertions.Expect(housingRow.Locator("[data-testid=summons-status]")).ToHaveTextAsync("已反馈");

        await grid.ReloadAsync();
        await grid.WaitForSelectorAsync("[data-interactive=true]");
        // No mark is assumed: the village committee gives each one.
        await Field(grid, "rate-timeliness").EnterAsync("5");
        await Field(grid, "rate-attitude").EnterAsync("5");
        await Field(grid, "rate-result").EnterAsync("5");
        await grid.ClickAsync("[data-testid=rate]");
        await Assertions.Expect(grid.Locator("[data-testid=summons]").Filter(new() { HasText = Housing }).Locator("[data-testid=summons-rating]")).ToHaveTextAsync("5/5/5");
        await server.ScreenshotAsync(grid, "escalation-housing-rated");

        // Time passes: the escalation timer runs at an instant past each due time, against the server's database.
        string town, jointOffice, districtGovernment;
        await using (var db = server.Database.Context())
        {
            town = await db.Units.Where(u => u.Kind == UnitKind.Government && u.DivisionCode == village.Substring(0, 9)).Select(u => u.Name).SingleAsync(Ct);
            jointOffice = await db.Units.Where(u => u.Kind == UnitKind.JointMeetingOffice && u.DivisionCode == "370505").Select(u => u.Name).SingleAsync(Ct);
            districtGovernment = await db.Units.Where(u => u.Kind == UnitKind.Government && u.DivisionCode == "370505").Select(u => u.Name).SingleAsync(Ct);
        }
        var steps = new[]
        {
            (Level: WhistleLevel.Street, Name: "街道（镇）吹哨", Supervisor: town),
            (Level: WhistleLevel.JointMeetingOffice, Name: "区信访联席办吹哨", Supervisor: jointOffice),
            (Level: WhistleLevel.DistrictLeader, Name: "区领导吹哨", Supervisor: districtGovernment),
        };
        foreach (var (level, name, supervisor) in steps)
        {
            await using (var db = server.Database.Context())
            {
                var due = (await db.Whistles.SingleAsync(w => w.Id == whistleId, Ct)).NextDueAt!.Value;
                var at = due + Duration.FromHours(1);
                var job = new WhistleEscalationJob(db, new WhistleDesk(db, WhistlePolicy.Default(CaseRules.Default.Calculator), new FixedClock(at)),
                    new WhistlePolicyStore(CaseRules.Default, Duration.FromHours(24)));
                var run = await job.RunOnceAsync("e2e-escalation", at, Ct);
                Assert.True(run.RanHere && run.Escalated >= 1, $"the pass at {at} escalated nothing");
                Assert.Equal(level, (await db.Whistles.AsNoTracking().SingleAsync(w => w.Id == whistleId, Ct)).Level);
            }
            await grid.ReloadAsync();
            await grid.WaitForSelectorAsync("[data-interactive=true]");
            await Assertions.Expect(grid.Locator("[data-testid=whistle-level]").First).ToHaveTextAsync(name);
            var escalation = grid.Locator("[data-testid=whistle-event][data-kind='whistle.escalated']").Filter(new() { Has = grid.Locator("[data-testid=event-level]", new() { HasTextString = name }) });
            await Assertions.Expect(escalation).ToHaveCountAsync(1);
            await Assertions.Expect(escalation).ToContainTextAsync("系统自动升级");
            // Told: the silent department, the blowing village committee and the unit supervising the new level.
            var told = escalation.Locator("[data-testid=whistle-notice]");
            await Assertions.Expect(told.Filter(new() { HasTextString = silent })).ToHaveCountAsync(1);
            await Assertions.Expect(told.Filter(new() { HasTextString = villageName })).ToHaveCountAsync(1);
            await Assertions.Expect(told.Filter(new() { HasTextString = supervisor })).ToHaveCountAsync(1);
            await Assertions.Expect(told.Filter(new() { HasTextString = Housing })).ToHaveCountAsync(0);
            await server.ScreenshotAsync(grid, $"escalation-{level}");
        }
        var silentRow = grid.Locator("[data-testid=summons]").Filter(new() { HasText = silent });
        await Assertions.Expect(silentRow.Locator("[data-testid=summons-status]")).ToHaveTextAsync("未报到");
        await Assertions.Expect(silentRow).ToContainTextAsync("已标记");
        await Assertions.Expect(grid.Locator("[data-testid=summons]").Filter(new() { HasText = Housing })).Not.ToContainTextAsync("已标记");
        await Assertions.Expect(grid.Locator("[data-testid=escalate]")).ToHaveCountAsync(0);

        // A supervision letter (督办函) from the petition bureau to the silent department, approved and issued by its director.
        var admin = await server.SignedInPageAsync("admin");
        async Task<(string Number, IReadOnlyList<string> Lines)> IssueAsync(string type, string typeName, string? reason)
        {
            await server.OpenAsync(clerk, $"/cases/{code}");
            await clerk.Locator("[data-testid=draft-panel]").ClickAsync();
            await ChooseAsync(clerk, "letter-type", typeName);
            await clerk.Keyboard.PressAsync("Escape");
            await ChooseAsync(clerk, "letter-recipient", silent);
            await clerk.Keyboard.PressAsync("Escape");
            if (reason is not null)
            {
                await Field(clerk, "letter-reason").EnterAsync(reason);
            }
            await clerk.ClickAsync("[data-testid=draft-letter]");
            await Assertions.Expect(clerk.Locator(".mud-snackbar").Last).ToContainTextAsync("已拟稿");
            await server.OpenAsync(admin, "/letters");
            var row = admin.Locator("[data-testid=letter-table] tr").Filter(new() { HasText = code }).Filter(new() { HasText = typeName });
            await row.Locator("[data-testid=letter-Approve]").ClickAsync();
            await Assertions.Expect(row.Locator("[data-testid=letter-state]")).ToHaveTextAsync("已审签");
            await row.Locator("[data-testid=letter-Issue]").ClickAsync();
            await Assertions.Expect(row.Locator("[data-testid=letter-state]")).ToHaveTextAsync("已印发");
            var number = (await row.Locator("[data-testid=letter-number]").InnerTextAsync()).Trim();
            Assert.Matches($@"^垦信{type}〔20\d\d〕[1-9]\d*号$", number);
            await server.ScreenshotAsync(admin, $"escalation-letter-{type}");
            var lines = await DownloadDocxAsync(admin, row.Locator("[data-testid=letter-docx]"));
            Assert.Equal("垦利区信访局", lines[0]);
            Assert.Contains(number, lines);
            Assert.Contains($"{silent}：", lines);
            Assert.Contains(lines, l => l.Contains($"{code}号信访事项（小区排水管网堵塞污水外溢）", StringComparison.Ordinal));
            return (number, lines);
        }
        var (supervision, _) = await IssueAsync("督", "督办函", null);

        // The joint-meeting office refers the silent department; its evidence pack carries the three escalations and the letter.
        await server.OpenAsync(office, $"/whistles/{whistleId}");
        await office.Locator("[data-testid=summons]").Filter(new() { HasText = silent }).Locator("[data-testid=refer]").ClickAsync();
        var referral = office.Locator("[data-testid=referral]");
        await Assertions.Expect(referral).ToContainTextAsync(silent);
        await Assertions.Expect(referral).ToContainTextAsync(supervision);
        await Assertions.Expect(office.Locator("[data-testid=refer]")).ToHaveCountAsync(0);
        await server.ScreenshotAsync(office, "escalation-referred");
        var pack = await DownloadDocxAsync(office, office.Locator("[data-testid=evidence-pack]"));
        Assert.Contains(pack, l => l.Contains($"关于{silent}在{code}号事项吹哨报到中有关问题的移交材料", StringComparison.Ordinal));
        Assert.Contains(pack, l => l.StartsWith(silent, StringComparison.Ordinal) && l.Contains("报到超时", StringComparison.Ordinal));
        foreach (var level in new[] { "街道（镇）", "区信访联席办", "区领导" })
        {
            Assert.Contains(pack, l => l.Contains($"{level}　升级", StringComparison.Ordinal));
        }
        Assert.Contains(pack, l => l.StartsWith(supervision, StringComparison.Ordinal));
        // Only the referred department's own steps and the whistle's own events: nothing the housing handler did.
        Assert.DoesNotContain(pack, l => l.EndsWith("　handler", StringComparison.Ordinal));
        Assert.Contains(pack, l => l.EndsWith("　grid", StringComparison.Ordinal));

        // An accountability suggestion (问责建议函): with no reason typed, it cites the whistle record.
        var (_, accountability) = await IssueAsync("责", "问责建议函", null);
        Assert.Contains(accountability, l => l.Contains("你单位被吹哨召集后未在时限内报到、处置或反馈，吹哨已逐级升级至区领导", StringComparison.Ordinal));

        // The month's ranking: the silent department has exactly one more overdue and two more letters, the housing
        // bureau the same counts as before, and every score is what the documented formula gives for the page's counts.
        var after = await RankingAsync(office, month, "escalation-ranking-after");
        var silentBefore = before.GetValueOrDefault(silent) ?? new RankingRow(silent, 0, 0, 0, "—");
        var silentAfter = after[silent];
        Assert.Equal(silentBefore.Overdue + 1, silentAfter.Overdue);
        Assert.Equal(silentBefore.Letters + 2, silentAfter.Letters);
        var housingAfter = after[Housing];
        if (housingOwesNothingElse && before.GetValueOrDefault(Housing) is { } housingBefore)
        {
            Assert.Equal((housingBefore.Letters, housingBefore.Overdue), (housingAfter.Letters, housingAfter.Overdue));
        }
        var lettersMax = after.Values.Max(r => r.Letters);
        var overdueMax = after.Values.Max(r => r.Overdue);
        foreach (var row in after.Values)
        {
            Assert.True(Expected(row, lettersMax, overdueMax) == row.Score, $"{row.Unit}: page shows {row.Score}, formula gives {Expected(row, lettersMax, overdueMax)} (letters {row.Letters}/{lettersMax}, overdue {row.Overdue}/{overdueMax})");
        }
        // What the journey cost the silent department: its score with this month's scales, without the whistle and the letters, was higher.
        var withoutJourney = Expected(silentAfter with { Letters = silentAfter.Letters - 2, Overdue = silentAfter.Overdue - 1 }, lettersMax, overdueMax);
        Assert.True(silentAfter.Score < withoutJourney, $"{silent}: {silentAfter.Score} is not below {withoutJourney}");

        // With the default weights the housing bureau's whistle rating shows: it was rated 5/5/5 this month.
        await server.OpenAsync(office, "/rankings");
        await office.ClickAsync("[data-testid=assessment-apply]");
        await Assertions.Expect(office.Locator("[data-testid=ranking-caption]")).ToHaveTextAsync($"{month} · 权重：吹哨评价 25、按期办结 30、满意度 25、督办函件 10、超期 10");
        var housingRating = office.Locator("[data-testid=ranking-table] tbody tr").Filter(new() { HasText = Housing }).Locator("[data-testid=ranking-rating]");
        await Assertions.Expect(housingRating).Not.ToHaveTextAsync("无数据");
        await server.ScreenshotAsync(office, "escalation-ranking");
    }
}
