using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Procuratorate;
using Fengqiao.Data.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Tests.Procuratorate;

/// <summary>12309 compliance through the web: the seeded 12309 cases, their decisions as procedural replies and their replies as results.</summary>
public sealed class ProcuratorateApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_administrator_sees_the_rates_of_every_12309_case_with_the_national_figures_beside()
    {
        var body = await (await factory.SignedInAsync("admin")).GetFromJsonAsync<JsonElement>("/api/procuratorate/compliance", Ct);
        await using var db = factory.Database.Context();
        var cases = await db.Cases.Where(c => c.Channel == CaseChannel.Procuratorate12309).ToListAsync(Ct);
        var reply = body.GetProperty("proceduralReply");
        var result = body.GetProperty("result");

        Assert.True(cases.Count > 0, "the demo has 12309 cases");
        Assert.Equal(cases.Count, body.GetProperty("petitions").GetInt32());
        Assert.Equal(cases.Count, reply.GetProperty("onTime").GetInt32() + reply.GetProperty("late").GetInt32() + reply.GetProperty("pending").GetInt32());
        // A case decided within the week's limit counts on time; the calculator is the same one the case pages use.
        var asOf = body.GetProperty("asOf").GetString()!;
        var expected = Compliance12309.Compute(cases.Select(c => new Petition12309(c.Id, c.RegisteredAt, c.DecidedAt, c.RepliedAt)),
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(asOf).Value, CaseRules.Default.Calculator);
        Assert.Equal(expected.ProceduralReply.OnTime, reply.GetProperty("onTime").GetInt32());
        Assert.Equal(expected.Result.Late, result.GetProperty("late").GetInt32());
        Assert.Equal(99.8m, reply.GetProperty("nationalPercent").GetDecimal());
        Assert.Equal(97.3m, result.GetProperty("nationalPercent").GetDecimal());
    }

    [Fact]
    public async Task Another_districts_clerk_counts_none_of_kenlis_12309_cases()
    {
        var body = await (await factory.SignedInAsync("qingpu.clerk")).GetFromJsonAsync<JsonElement>("/api/procuratorate/compliance", Ct);
        await using var db = factory.Database.Context();
        var qingpu = await db.Cases.CountAsync(c => c.Channel == CaseChannel.Procuratorate12309 && c.DivisionCode.StartsWith("310118"), Ct);

        Assert.Equal(qingpu, body.GetProperty("petitions").GetInt32());
    }
}
