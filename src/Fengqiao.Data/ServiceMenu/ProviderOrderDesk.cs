using System.Text.Json;
using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>
/// A provider tried to act on an order that is not matched to them (or has no provider row linked to the account).
/// Nothing was changed; the message is bilingual.
/// </summary>
public sealed class ProviderOrderRefusedException(Guid orderId, string accountId, string message) : Exception(message)
{
    public Guid OrderId { get; } = orderId;

    public string AccountId { get; } = accountId;
}

/// <summary>A provider row and the user name of the account that confirms its orders (讲师账号关联).</summary>
public sealed record ProviderLink(Guid Id, string Name, string Organisation, string? UserName);

/// <summary>
/// A service provider's own orders (我的服务订单): the lecturer, mediator or tax tutor signed in with their own account
/// sees the orders matched to them, confirms (接单) or declines (拒单) with a reason, then records the service as held
/// and the attendance. Every action first checks that the order is matched to the provider linked to the account; a
/// declined order is matched again at once to the next fitting provider, or stays "ordered" with the reason shown to
/// the orderer when they chose that lecturer; either way the orderer is told through the notice outbox.
/// </summary>
public sealed class ProviderOrderDesk(FengqiaoDbContext db, IClock clock, Security.PersonalDataProtector protector)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>The provider row linked to an account, or null for an account no provider uses.</summary>
    public Task<ServiceProviderRecord?> ProviderForAsync(string accountId, CancellationToken ct = default) =>
        db.ServiceProviders.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId, ct);

    /// <summary>Every provider with the user name of the account linked to it (null when none), by name.</summary>
    public async Task<IReadOnlyList<ProviderLink>> LinksAsync(CancellationToken ct = default)
    {
        var users = await db.Users.AsNoTracking().Where(u => db.ServiceProviders.Any(p => p.AccountId == u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        return [.. (await db.ServiceProviders.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct))
            .Select(p => new ProviderLink(p.Id, p.Name, p.Organisation, p.AccountId is { } a ? users.GetValueOrDefault(a) : null))];
    }

    /// <summary>The user names of the accounts holding the service-provider role, the ones a provider may be linked to.</summary>
    public async Task<IReadOnlyList<string>> ProviderAccountsAsync(CancellationToken ct = default)
    {
        return await ProviderAccounts().OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(ct);
    }

    // The accounts holding the service-provider role: the only ones a provider row may be linked to.
    private IQueryable<People.StaffUser> ProviderAccounts()
    {
        var role = nameof(Core.Organisations.StaffRole.ServiceProvider);
        return db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
    }

    /// <summary>
    /// Links a provider row to a sign-in account (or unlinks it with null), so that person confirms their own orders. The
    /// account must hold the service-provider role and serve no other provider. Returns the problem, or null when done.
    /// </summary>
    public async Task<string?> LinkAccountAsync(Guid providerId, string? userName, CancellationToken ct = default)
    {
        var provider = await db.ServiceProviders.FirstOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null)
        {
            return "服务提供者不存在 (no such provider)";
        }
        string? accountId = null;
        if (!string.IsNullOrWhiteSpace(userName))
        {
            var normalized = userName.Trim().ToUpperInvariant();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
            if (user is null)
            {
                return "账号不存在 (no such account)";
            }
            if (!await ProviderAccounts().AnyAsync(u => u.Id == user.Id, ct))
            {
                return "该账号不是服务提供者角色 (the account does not hold the service-provider role)";
            }
            if (await db.ServiceProviders.AnyAsync(p => p.AccountId == user.Id && p.Id != providerId, ct))
            {
                return "该账号已关联其他服务提供者 (the account already serves another provider)";
            }
            accountId = user.Id;
        }
        provider.AccountId = accountId;
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<ServiceOrderRecord?> ConfirmAsync(Guid orderId, string accountId, string actor, CancellationToken ct = default)
    {
        if (!await CheckOwnAsync(orderId, accountId, ct))
        {
            return null;
        }
        return await new ServiceMenuDesk(db, clock, protector).ConfirmAsync(orderId, actor, ct);
    }

    public async Task<ServiceOrderRecord?> MarkHeldAsync(Guid orderId, string accountId, string actor, CancellationToken ct = default) =>
        await CheckOwnAsync(orderId, accountId, ct) ? await new ServiceOrderCompletion(db, clock).MarkHeldAsync(orderId, actor, ct) : null;

    public async Task<ServiceOrderRecord?> RecordAttendanceAsync(Guid orderId, int count, string accountId, string actor, CancellationToken ct = default) =>
        await CheckOwnAsync(orderId, accountId, ct) ? await new ServiceOrderCompletion(db, clock).RecordAttendanceAsync(orderId, count, actor, ct) : null;

    /// <summary>
    /// Declines with a reason: the held time goes back to the provider's free time and the order is matched again to
    /// the best other provider. An order whose orderer chose this lecturer has no other candidate: it stays "ordered",
    /// and the orderer reads the reason when they look the order up.
    /// </summary>
    public async Task<ServiceOrderRecord?> DeclineAsync(Guid orderId, string? reason, string accountId, string actor, CancellationToken ct = default)
    {
        if (!await CheckOwnAsync(orderId, accountId, ct))
        {
            return null;
        }
        var record = await db.ServiceOrders.FirstAsync(o => o.Id == orderId, ct);
        var events = await db.ServiceOrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var order = await ServiceOrderCompletion.ReplayAsync(db, record, events, ct);
        var now = clock.GetCurrentInstant();
        var providerId = record.ProviderId!.Value;
        var declined = order.Decline(providerId, reason ?? "", now);
        var sequence = events.Count;
        Log(record, declined.Event, ++sequence, actor);
        if (record.ScheduledStart is { } start && record.ScheduledEnd is { } end)
        {
            await ReleaseAsync(providerId, new TimeSlot(start, end), ct);
        }
        record.State = declined.Order.State;
        record.ProviderId = null;
        record.ScheduledStart = null;
        record.ScheduledEnd = null;

        var menu = new ServiceMenuDesk(db, clock, protector);
        var best = ProviderMatcher.Rank(declined.Order, await menu.ProvidersAsync(ct)).FirstOrDefault();
        if (best is not null)
        {
            var matched = declined.Order.Match(best.Provider, now, "system");
            Log(record, matched.Event, ++sequence, "system");
            record.State = matched.Order.State;
            record.ProviderId = best.Provider.Id;
            record.ScheduledStart = best.Slot!.Start;
            record.ScheduledEnd = best.Slot.End;
            await menu.HoldSlotAsync(best.Provider.Id, best.Slot, ct);
        }
        await QueueDeclinedNoticesAsync(record, reason ?? "", best?.Provider.Name, sequence, now, ct);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// Tells the orderer that the provider declined, in the same save: an SMS to the phone the order was placed with
    /// (sealed like every stored phone of a notice) and an in-app notice when they ordered signed in. The text says
    /// who takes the order now, or that it waits, and why.
    /// </summary>
    private async Task QueueDeclinedNoticesAsync(ServiceOrderRecord record, string reason, string? nextProvider, int sequence, Instant now, CancellationToken ct)
    {
        var service = await db.ServiceOfferings.AsNoTracking().Where(o => o.Code == record.OfferingCode).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? record.OfferingCode;
        var text = DeclinedNoticeText(record.TrackingCode, service, reason.Trim(), nextProvider, record.ScheduledStart);
        const string Kind = "service.declined";
        if (record.ContactPhoneCipher is not null || record.LegacyContactPhone is not null)
        {
            await protector.EnsureReadyAsync(ct);
            db.Notices.Add(new Notices.Notice
            {
                DedupKey = $"{Kind}:{record.Id:N}:{sequence}:sms",
                Channel = Notices.NoticeChannel.Sms,
                Address = record.ContactPhoneCipher ?? protector.Protect(record.LegacyContactPhone!),
                Kind = Kind,
                Subject = "【枫桥】" + text,
                Body = text,
                CreatedAt = now,
            });
        }
        if (record.OrdererAccountId is { } account)
        {
            db.Notices.Add(new Notices.Notice
            {
                DedupKey = $"{Kind}:{record.Id:N}:{sequence}:account",
                Channel = Notices.NoticeChannel.InApp,
                AccountId = account,
                Kind = Kind,
                Subject = "服务预约有变动 (your service order changed)",
                Body = text,
                CreatedAt = now,
            });
        }
    }

    internal static string DeclinedNoticeText(string trackingCode, string service, string reason, string? nextProvider, Instant? start) =>
        nextProvider is not null
            ? $"您预约的“{service}”（编号 {trackingCode}）原提供者无法承接（{reason}），已改由{nextProvider}提供"
              + (start is { } s ? $"，时间 {s.InZone(Zone):M月d日 HH:mm}" : "") + "，待其确认。"
            : $"您预约的“{service}”（编号 {trackingCode}）所选提供者无法承接：{reason}。可凭编号和电话在服务查询中查看，或改约其他日期。";

    /// <summary>
    /// True when the order is matched to the account's provider; false when no such order exists at all; otherwise
    /// refuses. The check reads past the scope on purpose: an order the provider cannot see but that exists is refused
    /// with a reason, so a wrong tap is explained and the attempt is logged by the caller.
    /// </summary>
    private async Task<bool> CheckOwnAsync(Guid orderId, string accountId, CancellationToken ct)
    {
        var owner = await db.ServiceOrders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.ProviderId }).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return false;
        }
        var provider = await ProviderForAsync(accountId, ct);
        if (provider is null)
        {
            throw new ProviderOrderRefusedException(orderId, accountId, "您的账号未关联服务提供者 (your account is not linked to a service provider)");
        }
        if (owner.ProviderId != provider.Id)
        {
            throw new ProviderOrderRefusedException(orderId, accountId, "该订单未派给您，不能操作 (this order is not matched to you)");
        }
        return true;
    }

    /// <summary>Gives a released slot back to the provider's free time, joined to the free time on either side.</summary>
    private async Task ReleaseAsync(Guid providerId, TimeSlot slot, CancellationToken ct)
    {
        var neighbours = await db.ProviderFreeSlots.Where(s => s.ProviderId == providerId && (s.End == slot.Start || s.Start == slot.End)).ToListAsync(ct);
        var startAt = slot.Start;
        var endAt = slot.End;
        foreach (var n in neighbours)
        {
            startAt = n.Start < startAt ? n.Start : startAt;
            endAt = n.End > endAt ? n.End : endAt;
            db.ProviderFreeSlots.Remove(n);
        }
        db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord { ProviderId = providerId, Start = startAt, End = endAt });
    }

    private void Log(ServiceOrderRecord record, ServiceOrderEvent e, int sequence, string actor) =>
        db.ServiceOrderEvents.Add(new ServiceOrderEventRecord
        {
            OrderId = record.Id, Sequence = sequence, Kind = e.Kind, Before = e.Before, After = e.After, At = e.At, Actor = actor,
            Note = e.Data.IsEmpty ? null : JsonSerializer.Serialize(e.Data),
        });
}
