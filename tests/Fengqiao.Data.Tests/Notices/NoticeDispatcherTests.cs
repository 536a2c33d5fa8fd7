using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Notices;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.Notices;

public sealed class NoticeDispatcherTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task The_outbox_is_delivered_by_channel_once_and_a_failing_channel_is_retried_not_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = Instant.FromUtc(2031, 1, 1, 0, 0);
        // SMS addresses are stored encrypted, as intake queues them.
        var protector = fixture.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>();
        await protector.EnsureReadyAsync(ct);
        await using (var db = fixture.Database.Context())
        {
            await db.Leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Leases.LongAgo), ct);
            db.Notices.AddRange(
                new Notice { DedupKey = "t:in-app", Channel = NoticeChannel.InApp, Kind = "test", Subject = "站内", Body = "b", CreatedAt = now },
                new Notice { DedupKey = "t:sms", Channel = NoticeChannel.Sms, Address = protector.ProtectPhone("13900009999").Cipher, Kind = "test", Subject = "短信", Body = "b", CreatedAt = now },
                new Notice { DedupKey = "t:email", Channel = NoticeChannel.Email, Address = "clerk@example.invalid", Kind = "test", Subject = "邮件", Body = "b", CreatedAt = now });
            await db.SaveChangesAsync(ct);
        }

        async Task<DispatchResult> DispatchAsync(string node)
        {
            await using var scope = fixture.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NoticeDispatcher>().RunOnceAsync(node, now, ct);
        }
        var results = await Task.WhenAll(DispatchAsync("a"), DispatchAsync("b"));

        Assert.Equal(1, results.Count(r => r.RanHere));
        await using var check = fixture.Database.Context();
        var notices = await check.Notices.Where(n => n.Kind == "test").ToDictionaryAsync(n => n.DedupKey, ct);
        Assert.Equal(now, notices["t:in-app"].SentAt);
        Assert.Equal(now, notices["t:sms"].SentAt);
        // No SMTP host is configured in tests: the e-mail waits for a retry with the reason recorded.
        Assert.Null(notices["t:email"].SentAt);
        Assert.Equal(1, notices["t:email"].Attempts);
        Assert.Contains("SMTP", notices["t:email"].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_a_case_queues_the_petitioners_text_message_with_the_phone_encrypted()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid bureau;
        await using (var db = fixture.Database.Context())
        {
            bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", ct)).Id;
        }
        await using var scope = fixture.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<Fengqiao.Data.Cases.CaseWorkflow>();
        var registered = await workflow.RegisterAsync(new Fengqiao.Data.Cases.NewCase(Core.Cases.CaseKind.Petition, Core.Cases.CaseChannel.Visit, "受理告知测试：小区供暖温度不达标", null, "370505001001", null, null, false,
            [new Fengqiao.Data.Cases.NewParty("鲁春梅", null, "13677778888", false)], null, bureau, "clerk", null, null), "clerk", ct);
        await workflow.ApplyAsync(registered.Case.TrackingCode, 1, t => new Core.Cases.AcceptCase(t, "clerk"), ct);

        await using var check = fixture.Database.Context();
        var notice = await check.Notices.SingleAsync(n => n.CaseId == registered.Case.Id, ct);
        Assert.Equal("resident.accepted", notice.Kind);
        Assert.Equal(NoticeChannel.Sms, notice.Channel);
        Assert.NotEqual("13677778888", notice.Address);
        Assert.Equal("13677778888", scope.ServiceProvider.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>().Reveal(notice.Address!));
        Assert.Contains(registered.Case.TrackingCode, notice.Subject, StringComparison.Ordinal);
        Assert.Contains(registered.Case.QueryCode, notice.Subject, StringComparison.Ordinal);
        Assert.Contains("已受理", notice.Subject, StringComparison.Ordinal);
    }
}
