using System.Text.Json;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>
/// The end of a service order (点单式服务): held (已开展) → attended, with the count (参加人数) → rated (评价). The order
/// is rebuilt through Core's <see cref="ServiceOrder"/> from its row and the instants of its logged steps, so each
/// step is checked by the same rules that placed, matched, confirmed and scheduled it.
/// </summary>
public sealed class ServiceOrderCompletion(FengqiaoDbContext db, IClock clock)
{
    /// <summary>The provider's office records that the service took place; not before its scheduled start.</summary>
    public Task<ServiceOrderRecord?> MarkHeldAsync(Guid orderId, string actor, CancellationToken ct = default) =>
        StepAsync(orderId, (order, record, now) => order.MarkHeld(record.ProviderId ?? Guid.Empty, now), ct, actor);

    /// <summary>How many attended.</summary>
    public Task<ServiceOrderRecord?> RecordAttendanceAsync(Guid orderId, int count, string actor, CancellationToken ct = default) =>
        StepAsync(orderId, (order, _, now) => order.RecordAttendance(count, now, actor), ct, actor);

    /// <summary>The orderer's rating, 1–5 stars with an optional comment, once, after the service was held.</summary>
    public Task<ServiceOrderRecord?> RateAsync(Guid orderId, int stars, string? comment, CancellationToken ct = default) =>
        StepAsync(orderId, (order, _, now) => order.Rate(stars, comment, now), ct, null);

    private async Task<ServiceOrderRecord?> StepAsync(Guid orderId, Func<ServiceOrder, ServiceOrderRecord, Instant, ServiceOrderTransition> step, CancellationToken ct, string? actor)
    {
        var record = await db.ServiceOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (record is null)
        {
            return null;
        }
        var events = await db.ServiceOrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var order = await ReplayAsync(record, events, ct);
        var now = clock.GetCurrentInstant();
        var done = step(order, record, now);
        record.State = done.Order.State;
        record.Attendance = done.Order.Attendance;
        record.Stars = done.Order.Stars;
        record.Comment = done.Order.RatingComment;
        db.ServiceOrderEvents.Add(new ServiceOrderEventRecord
        {
            OrderId = record.Id, Sequence = events.Count + 1, Kind = done.Event.Kind, Before = done.Event.Before, After = done.Event.After, At = done.Event.At,
            Actor = actor ?? done.Event.Actor, Note = done.Event.Data.IsEmpty ? null : JsonSerializer.Serialize(done.Event.Data),
        });
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Rebuilds the order as it stands, step by step at the logged instants.</summary>
    private async Task<ServiceOrder> ReplayAsync(ServiceOrderRecord record, IReadOnlyList<ServiceOrderEventRecord> events, CancellationToken ct)
    {
        var offering = ServiceMenuDesk.ToOffering(await db.ServiceOfferings.AsNoTracking().FirstAsync(o => o.Code == record.OfferingCode, ct));
        var area = DivisionCode.Parse(record.DivisionCode);
        Orderer orderer = record.OrdererKind switch
        {
            OrdererKind.Enterprise => new EnterpriseOrderer(UnifiedSocialCreditCode.Parse(record.CreditCode!), record.OrdererName, area),
            OrdererKind.VillageCommittee => new VillageCommitteeOrderer(record.OrdererName, area),
            _ => new ResidentOrderer(record.OrdererAccountId ?? "phone:" + record.ContactPhone, record.OrdererName, area),
        };
        var order = ServiceOrder.Place(record.Id, offering, orderer, record.Topic, new TimeSlot(record.PreferredStart, record.PreferredEnd), record.ChosenProviderId, record.OrderedAt).Order;
        if (record.ProviderId is not { } providerId || record.ScheduledStart is not { } start || record.ScheduledEnd is not { } end)
        {
            return order;
        }
        var slot = new TimeSlot(start, end);
        // The held slot is the provider's time for this order: a provider free exactly then replays the match and the schedule.
        var provider = ServiceMenuDesk.ToProvider(await db.ServiceProviders.AsNoTracking().FirstAsync(p => p.Id == providerId, ct), [slot]);
        foreach (var e in events.Skip(1))
        {
            order = e.Kind switch
            {
                "service.matched" => order.Match(provider, e.At, e.Actor).Order,
                "service.confirmed" => order.Confirm(providerId, e.At).Order,
                "service.scheduled" => order.Schedule(provider, slot, e.At, e.Actor).Order,
                "service.held" => order.MarkHeld(providerId, e.At).Order,
                "service.attended" => order.RecordAttendance(record.Attendance ?? 0, e.At, e.Actor).Order,
                "service.rated" => order.Rate(record.Stars ?? 0, record.Comment, e.At).Order,
                "service.cancelled" => order.Cancel("已取消 (cancelled)", e.At).Order,
                // Declines and re-matches are not taken at this desk yet; such an order is refused rather than misread.
                _ => throw new ServiceRuleException(order.State, $"订单含有无法回放的步骤 {e.Kind} (the order has a step this desk cannot replay)"),
            };
        }
        return order;
    }
}
