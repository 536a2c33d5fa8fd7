using Fengqiao.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Notices;

public sealed record DispatchResult(bool RanHere, int Sent, int Failed);

/// <summary>
/// Empties the outbox through the channel's sender. One node at a time (the "notice-dispatch" lease); a notice is
/// marked sent only after its sender returned, and a failing one is retried up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class NoticeDispatcher(FengqiaoDbContext db, IEnumerable<INoticeSender> senders) : ILeasedJob
{
    public async Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken)
    {
        var r = await RunOnceAsync(node, now, cancellationToken);
        return r.RanHere && r.Sent + r.Failed > 0 ? $"outbox: {r.Sent} sent, {r.Failed} failed" : null;
    }

    public static string LeaseName => "notice-dispatch";
    public const int MaxAttempts = 5;

    public async Task<DispatchResult> RunOnceAsync(string node, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await Leases.TryAcquireAsync(db, LeaseName, node, now, cancellationToken))
        {
            return new DispatchResult(false, 0, 0);
        }
        var byChannel = senders.ToDictionary(s => s.Channel);
        var pending = await db.Notices.Where(n => n.SentAt == null && n.Attempts < MaxAttempts).OrderBy(n => n.Id).Take(200).ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        foreach (var notice in pending)
        {
            try
            {
                if (!byChannel.TryGetValue(notice.Channel, out var sender))
                {
                    throw new InvalidOperationException($"没有 {notice.Channel} 渠道的发送方式 (no sender for {notice.Channel})");
                }
                await sender.SendAsync(notice, cancellationToken);
                notice.SentAt = now;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad address or a mail server down must not stop the rest of the outbox.
                notice.Attempts++;
                notice.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                failed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new DispatchResult(true, sent, failed);
    }
}
