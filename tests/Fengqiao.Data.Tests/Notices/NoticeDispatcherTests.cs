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
        await using (var db = fixture.Database.Context())
        {
            await db.Leases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, Leases.LongAgo), ct);
            db.Notices.AddRange(
                new Notice { DedupKey = "t:in-app", Channel = NoticeChannel.InApp, Kind = "test", Subject = "站内", Body = "b", CreatedAt = now },
                new Notice { DedupKey = "t:sms", Channel = NoticeChannel.Sms, Address = "13900009999", Kind = "test", Subject = "短信", Body = "b", CreatedAt = now },
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
}
