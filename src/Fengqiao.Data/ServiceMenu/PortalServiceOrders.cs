using System.Text.Json;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>What the orderer sees of their order on the portal: no staff names beyond the provider's, no other orders.</summary>
public sealed record PortalServiceOrderView(ServiceOrderRecord Order, string Service, string? Provider, string? DeclineReason, bool MayRate);

/// <summary>
/// The orderer's side of an order placed on the public portal (查询与评价): found by its order number and the phone it
/// was placed with (both must match, like a case's number and query code), and rated once after it was held.
/// </summary>
public sealed class PortalServiceOrders(FengqiaoDbContext db, IClock clock, Security.PersonalDataProtector protector)
{
    /// <summary>The order when the number and the phone both match, otherwise null (the same answer for either mistake).</summary>
    public async Task<PortalServiceOrderView?> FindAsync(string? trackingCode, string? phone, CancellationToken ct = default)
    {
        var code = trackingCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code) || !PhoneNumber.TryParse(phone, out var parsed, out _))
        {
            return null;
        }
        var order = await db.ServiceOrders.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(o => o.TrackingCode == code, ct);
        await protector.EnsureReadyAsync(ct);
        if (order is null || !ServiceOrderPhones.PlacedWith(order, protector, parsed.Value))
        {
            return null;
        }
        var service = await db.ServiceOfferings.AsNoTracking().Where(o => o.Code == order.OfferingCode).Select(o => o.Name).FirstAsync(ct);
        var provider = order.ProviderId is { } id ? await db.ServiceProviders.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        string? reason = null;
        if (order.State == ServiceOrderState.Ordered)
        {
            var declined = await db.ServiceOrderEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.OrderId == order.Id && e.Kind == "service.declined").OrderByDescending(e => e.Sequence).Select(e => e.Note).FirstOrDefaultAsync(ct);
            reason = declined is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(declined)?.GetValueOrDefault("reason");
        }
        return new PortalServiceOrderView(order, service, provider, reason, order.State is ServiceOrderState.Held or ServiceOrderState.Attended);
    }

    /// <summary>
    /// Rates the order found by number and phone. Null when they do not match; a rating before the service was held, a
    /// second rating or stars outside 1–5 are refused by Core's rules with a message to show.
    /// </summary>
    public async Task<ServiceOrderRecord?> RateAsync(string? trackingCode, string? phone, int stars, string? comment, CancellationToken ct = default)
    {
        if (comment is { Length: > 500 })
        {
            throw new ServiceRuleException("评价意见不超过 500 字 (a comment has at most 500 characters)");
        }
        var found = await FindAsync(trackingCode, phone, ct);
        return found is null ? null : await new ServiceOrderCompletion(db, clock).RateVerifiedAsync(found.Order.Id, stars, comment, ct);
    }
}
