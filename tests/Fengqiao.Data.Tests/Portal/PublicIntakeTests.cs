using Fengqiao.Core.Cases;
using Fengqiao.Data.Attachments;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Open311;
using Fengqiao.Data.Portal;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Portal;

/// <summary>Public submissions, places and Open311 keys against the real database of the provider under test.</summary>
public sealed class PublicIntakeTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<T> WithIntakeAsync<T>(Func<PublicIntake, FengqiaoDbContext, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var intake = new PublicIntake(db, scope.ServiceProvider.GetRequiredService<CaseWorkflow>(), scope.ServiceProvider.GetRequiredService<CaseAttachments>());
        return await work(intake, db);
    }

    private static PublicSubmission Submission(IReadOnlyList<PublicPhoto> photos, string? key = null, string detail = "小区门口的路灯坏了两周。晚上很黑。") =>
        new("0102", "370505001", "胜利路 18 号", null, detail, "马建国", "13912345678", false, photos, key, CaseChannel.OnlinePetition, null);

    private async Task<(int Cases, int Events, int Attachments)> CountsAsync()
    {
        await using var db = fixture.Database.Context();
        return (await db.Cases.CountAsync(Ct), await db.CaseEvents.CountAsync(Ct), await db.CaseAttachments.CountAsync(Ct));
    }

    [Fact]
    public async Task A_submission_becomes_a_case_of_the_districts_petition_bureau_with_its_photo_in_the_chain()
    {
        var key = "portal-test-" + Guid.NewGuid().ToString("N");
        var result = await WithIntakeAsync((intake, _) => intake.SubmitAsync(Submission([new PublicPhoto("lamp.png", new MemoryStream(Png))], key), "portal", Ct));
        Assert.False(result.Replayed);
        Assert.Equal("小区门口的路灯坏了两周", result.Case.Title);

        await using var db = fixture.Database.Context();
        var stored = await db.Cases.SingleAsync(c => c.TrackingCode == result.Case.TrackingCode, Ct);
        Assert.Equal((await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct)).Id, stored.RegisteringUnitId);
        Assert.Equal(CaseChannel.OnlinePetition, stored.Channel);
        Assert.Equal(1, await db.CaseAttachments.CountAsync(a => a.CaseId == stored.Id, Ct));
        Assert.Equal(2, await db.CaseEvents.CountAsync(e => e.CaseId == stored.Id, Ct));

        // A retried submission (same key) answers with the first case and adds nothing.
        var before = await CountsAsync();
        var again = await WithIntakeAsync((intake, _) => intake.SubmitAsync(Submission([new PublicPhoto("lamp.png", new MemoryStream(Png))], key), "portal", Ct));
        Assert.True(again.Replayed);
        Assert.Equal(result.Case.TrackingCode, again.Case.TrackingCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_resident_without_an_account_is_registered_for_and_the_context_sees_as_nobody_again_afterwards()
    {
        // The portal and Open311 ask with no signed-in principal: the intake itself acts for the public, no page lifts scope.
        await using var scope = fixture.Services.CreateAsyncScope();
        await using var db = fixture.Database.Context(new Fengqiao.Data.Scope.FixedAccessScopeProvider(Core.Organisations.AccessScope.Nobody));
        var intake = new PublicIntake(db, ActivatorUtilities.CreateInstance<CaseWorkflow>(scope.ServiceProvider, db), ActivatorUtilities.CreateInstance<CaseAttachments>(scope.ServiceProvider, db));
        var result = await intake.SubmitAsync(Submission([], "portal-nobody-" + Guid.NewGuid().ToString("N")), "portal", Ct);

        Assert.False(result.Replayed);
        Assert.Equal(Core.Organisations.AccessScope.Nobody, db.Scope);
        Assert.False(await db.Cases.AnyAsync(c => c.TrackingCode == result.Case.TrackingCode, Ct));
        await using var system = fixture.Database.Context();
        Assert.True(await system.Cases.AnyAsync(c => c.TrackingCode == result.Case.TrackingCode, Ct));
    }

    [Fact]
    public async Task A_refused_photo_or_field_stores_nothing_at_all()
    {
        var before = await CountsAsync();
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 };
        var pdf = "%PDF-1.7 test"u8.ToArray();
        var big = new byte[3 * 1024 * 1024];
        Png.CopyTo(big, 0);
        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => WithIntakeAsync<IntakeResult>((intake, _) => intake.SubmitAsync(
            Submission([new("virus.jpg", new MemoryStream(exe)), new("scan.pdf", new MemoryStream(pdf)), new("huge.png", new MemoryStream(big))]), "portal", Ct)));
        Assert.Equal(3, ex.Errors["Photos"].Length);
        var tooMany = await Assert.ThrowsAsync<CaseValidationException>(() => WithIntakeAsync<IntakeResult>((intake, _) => intake.SubmitAsync(
            Submission([.. Enumerable.Range(0, 4).Select(i => new PublicPhoto($"p{i}.png", new MemoryStream(Png)))]), "portal", Ct)));
        Assert.Contains("at most 3 photos", Assert.Single(tooMany.Errors["Photos"]), StringComparison.Ordinal);

        var fields = await Assert.ThrowsAsync<CaseValidationException>(() => WithIntakeAsync<IntakeResult>((intake, _) => intake.SubmitAsync(
            Submission([]) with { CategoryCode = "9999", DivisionCode = "110101", Phone = "123", Detail = "<b>hi</b>" }, "portal", Ct)));
        Assert.Equal(["CategoryCode", "Detail", "DivisionCode", "Phone"], fields.Errors.Keys.Order());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Places_are_the_served_districts_towns_and_addresses_resolve_to_the_deepest_named_one()
    {
        await using var db = fixture.Database.Context();
        var places = new PublicPlaces(db);
        var districts = await places.DistrictsAsync(Ct);
        Assert.Equal(9, districts.Count);
        Assert.Equal(126, districts.Sum(d => d.Towns.Count));
        Assert.Equal("370505001", (await places.ResolveAsync("垦利区垦利街道胜利路 18 号", Ct))?.Code);
        Assert.Equal("370505", (await places.ResolveAsync("垦利区某条路", Ct))?.Code);
        Assert.Null(await places.ResolveAsync("火星大道 1 号", Ct));
    }

    [Fact]
    public async Task The_demo_client_key_works_only_by_its_hash_and_stops_when_revoked()
    {
        await using var db = fixture.Database.Context();
        var clients = new Open311Clients(db, TestTime.Clock);
        var demo = await clients.FindAsync(Open311DemoSeeder.DemoKey, Ct);
        Assert.NotNull(demo);
        Assert.Equal("fq311_7661c6ed22d0fec3b70352448ce61cda78df64962605d74dc06b47434fd88db5", Open311DemoSeeder.DemoKey); // printed in the README
        Assert.NotEqual(Open311DemoSeeder.DemoKey, demo.KeyHash);
        Assert.Equal(5, await db.Cases.CountAsync(c => c.RegisteredBy.StartsWith("open311:"), Ct));
        Assert.Null(await clients.FindAsync(Open311DemoSeeder.DemoKey[..^1] + "x", Ct));
        Assert.Null(await clients.FindAsync("' OR 1=1 --", Ct));

        var issued = await clients.IssueAsync("测试客户端", demo.UnitId, "admin", cancellationToken: Ct);
        Assert.Equal(issued.Id, (await clients.FindAsync(issued.Key, Ct))?.Id);
        Assert.True(await clients.RevokeAsync(issued.Id, Ct));
        Assert.Null(await clients.FindAsync(issued.Key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => clients.IssueAsync(" ", demo.UnitId, "admin", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => clients.IssueAsync("x", Guid.NewGuid(), "admin", cancellationToken: Ct));
    }
}
