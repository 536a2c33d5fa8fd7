using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Data.Text;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Cases;

/// <summary>
/// A retried registration (the same idempotency key) is answered from the stored case before anything else is done:
/// it takes no tracking number and is not handed to the commit batch, with and without the node's batched reader.
/// </summary>
public sealed class RetriedRegistrationTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";

    private async Task<IntakeResult> RegisterAsync(NewCase request, RegistrationCommits? commits, IntakeLookups? lookups)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // No block of numbers: each registration that reaches numbering takes exactly the next one.
        var workflow = new CaseWorkflow(sp.GetRequiredService<FengqiaoDbContext>(), sp.GetRequiredService<CaseRules>(), sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<KnownReferences>(), sp.GetRequiredService<CaseMatterIndex>(),
            numbers: null, commits, lookups);
        return await workflow.RegisterAsync(request, "clerk", TestContext.Current.CancellationToken);
    }

    private async Task<NewCase> RequestAsync(string title, string key)
    {
        await using var db = fixture.Database.Context();
        var bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", TestContext.Current.CancellationToken)).Id;
        return new NewCase(CaseKind.Petition, CaseChannel.Hotline12345, title, "重试登记测试", KenliVillage, null, null, false,
            [new NewParty("王建国", null, "13812345678", false)], null, bureau, "clerk", null, key);
    }

    private static int Number(string trackingCode) => int.Parse(trackingCode[(trackingCode.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retries_are_answered_with_the_stored_case_and_take_no_tracking_number(bool batched)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var commits = batched ? new RegistrationCommits(() => fixture.Database.Context()) : null;
        await using var lookups = batched ? new IntakeLookups(() => fixture.Database.Context()) : null;
        var request = await RequestAsync("道路积水重试 " + run, $"retry-{run}");

        var original = await RegisterAsync(request, commits, lookups);
        var retries = new List<IntakeResult>();
        for (var i = 0; i < 5; i++)
        {
            retries.Add(await RegisterAsync(request, commits, lookups));
        }
        var next = await RegisterAsync(await RequestAsync("道路积水下一件 " + run, $"next-{run}"), commits, lookups);

        Assert.False(original.Replayed);
        Assert.All(retries, r =>
        {
            Assert.True(r.Replayed);
            Assert.Equal(original.Case.TrackingCode, r.Case.TrackingCode);
            Assert.Equal(original.Case.QueryCode, r.Case.QueryCode);
        });
        // Five retries between them, and the next new case still has the next number.
        Assert.Equal(Number(original.Case.TrackingCode) + 1, Number(next.Case.TrackingCode));
        if (batched)
        {
            // Only the two new cases went to the writer; the retries never reached it.
            Assert.Equal(2L, commits!.Counts.Saved);
        }
        await using var db = fixture.Database.Context();
        Assert.Equal(1, await db.Cases.IgnoreQueryFilters().CountAsync(c => c.IdempotencyKey == $"retry-{run}", TestContext.Current.CancellationToken));
    }
}
