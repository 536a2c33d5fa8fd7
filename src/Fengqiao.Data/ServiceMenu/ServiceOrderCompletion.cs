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

    /// <summary>
    /// The orderer's rating from the public portal. The caller has already proved the order is theirs (its code and the
    /// phone it was placed with), so the lookup passes over the staff scope, which an anonymous visitor does not have.
    /// </summary>
    internal Task<ServiceOrderRecord?> RateVerifiedAsync(Guid orderId, int stars, string? comment, CancellationToken ct = default) =>
        StepAsync(orderId, (order, _, now) => order.Rate(stars, comment, now), ct, null, verified: true);

    private async Task<ServiceOrderRecord?> StepAsync(Guid orderId, Func<ServiceOrder, ServiceOrderRecord, Instant, ServiceOrderTransition> step, CancellationToken ct, string? actor,
        bool verified = false)
    {
        if (await LoadAsync(db, orderId, verified, ct) is not (var record, var order, var events))
        {
            return null;
        }
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

    /// <summary>
    /// An order (tracked, for the step that follows) rebuilt from its log, with the log; null when the viewer may not open
    /// it. <paramref name="verified"/>: the caller already proved the order is theirs, so the staff scope is passed over.
    /// </summary>
    internal static async Task<(ServiceOrderRecord Record, ServiceOrder Order, List<ServiceOrderEventRecord> Events)?> LoadAsync(
        FengqiaoDbContext db, Guid orderId, bool verified, CancellationToken ct)
    {
        var orders = verified ? db.ServiceOrders.IgnoreQueryFilters() : db.ServiceOrders;
        var record = await orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (record is null)
        {
            return null;
        }
        var events = await db.ServiceOrderEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Sequence).ToListAsync(ct);
        return (record, await ReplayAsync(db, record, events, ct), events);
    }

    /// <summary>Rebuilds the order as it stands, step by step at the logged instants.</summary>
    internal static async Task<ServiceOrder> ReplayAsync(FengqiaoDbContext db, ServiceOrderRecord record, IReadOnlyList<ServiceOrderEventRecord> events, CancellationToken ct)
    {
        var offering = await db.ServiceOfferings.AsNoTracking().FirstAsync(o => o.Code == record.OfferingCode, ct);
        var ids = ProvidersNamed(record, events);
        var providers = await db.ServiceProviders.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return Replay(record, events, offering, providers);
    }

    /// <summary>The providers an order's log names: the ones it was matched to or declined by, and the current one.</summary>
    internal static HashSet<Guid> ProvidersNamed(ServiceOrderRecord record, IEnumerable<ServiceOrderEventRecord> events)
    {
        var ids = events.Select(e => NotedProvider(Noted(e))).OfType<Guid>().ToHashSet();
        if (record.ProviderId is { } current)
        {
            ids.Add(current);
        }
        return ids;
    }

    /// <summary>The same replay over rows already loaded, so a list can rebuild many orders from one read.</summary>
    internal static ServiceOrder Replay(ServiceOrderRecord record, IReadOnlyList<ServiceOrderEventRecord> events, ServiceOfferingRecord offeringRow,
        IReadOnlyDictionary<Guid, ServiceProviderRecord> providers)
    {
        var offering = ServiceMenuDesk.ToOffering(offeringRow);
        var window = new TimeSlot(record.PreferredStart, record.PreferredEnd);
        var order = ServiceOrder.Place(record.Id, offering, ServiceMenuDesk.OrdererOf(record), record.Topic, window, record.ChosenProviderId, record.OrderedAt).Order;
        var slot = record.ScheduledStart is { } start && record.ScheduledEnd is { } end ? new TimeSlot(start, end) : null;
        // The current provider's held slot is their time for this order; a provider who declined earlier was free
        // somewhere in the preferred window when matched, which is all the match checks.
        ServiceProvider Provider(Guid id) =>
            ServiceMenuDesk.ToProvider(providers[id], id == record.ProviderId && slot is not null ? [slot] : [window]);
        foreach (var e in events.Skip(1))
        {
            var noted = Noted(e);
            var providerId = NotedProvider(noted) ?? record.ProviderId ?? Guid.Empty;
            order = e.Kind switch
            {
                "service.matched" => order.Match(Provider(providerId), e.At, e.Actor).Order,
                "service.declined" => order.Decline(providerId, noted?.GetValueOrDefault("reason") ?? "-", e.At).Order,
                "service.confirmed" => order.Confirm(providerId, e.At).Order,
                "service.scheduled" => order.Schedule(Provider(record.ProviderId ?? Guid.Empty), slot!, e.At, e.Actor).Order,
                "service.held" => order.MarkHeld(record.ProviderId ?? Guid.Empty, e.At).Order,
                "service.attended" => order.RecordAttendance(record.Attendance ?? 0, e.At, e.Actor).Order,
                "service.rated" => order.Rate(record.Stars ?? 0, record.Comment, e.At).Order,
                "service.cancelled" => order.Cancel("已取消 (cancelled)", e.At).Order,
                _ => throw new ServiceRuleException(order.State, $"订单含有无法回放的步骤 {e.Kind} (the order has a step this desk cannot replay)"),
            };
        }
        return order;
    }

    private static Dictionary<string, string>? Noted(ServiceOrderEventRecord e) =>
        e.Note is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Note);

    private static Guid? NotedProvider(Dictionary<string, string>? noted) =>
        noted?.GetValueOrDefault("provider") is { } p && Guid.TryParse(p, out var g) ? g : null;
}
