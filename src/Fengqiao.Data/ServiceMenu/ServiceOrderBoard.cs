using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>
/// One order as a list shows it: its row, the names to show, and the steps its viewer may take now, which are
/// Core's <see cref="ServiceOrder.Offers"/> for the order rebuilt from its log, so a list never offers a step the
/// order would refuse.
/// </summary>
public sealed record ServiceOrderLine(ServiceOrderRecord Row, string Service, string Place, string Provider, bool ProviderHasAccount,
    IReadOnlySet<ServiceOrderAction> Offers);

/// <summary>The orders a provider's own account sees, or no provider when the account serves none.</summary>
public sealed record ProviderOrderBoard(ServiceProviderRecord? Provider, IReadOnlyList<ServiceOrderLine> Orders);

/// <summary>
/// The service menu's lists (点单式服务): the office's orders within the viewer's scope, and a provider's own orders.
/// The office acts for a provider without an account (it confirms and records for them); a provider with an account
/// confirms their own orders, so the office is not offered those steps.
/// </summary>
public sealed class ServiceOrderBoard(FengqiaoDbContext db, IClock clock)
{
    /// <summary>The latest orders the viewer may open, newest first.</summary>
    public async Task<IReadOnlyList<ServiceOrderLine>> OfficeAsync(int take = 200, CancellationToken ct = default)
    {
        var rows = await db.ServiceOrders.AsNoTracking().OrderByDescending(o => o.OrderedAt).Take(take).ToListAsync(ct);
        return await LinesAsync(rows, (order, current, now) => order.Offers(current is { AccountId: null } ? current.Id : null, now), ct);
    }

    /// <summary>The orders matched to the account's provider, those waiting for them first, then the coming ones.</summary>
    public async Task<ProviderOrderBoard> ProviderAsync(string accountId, CancellationToken ct = default)
    {
        var provider = await db.ServiceProviders.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId, ct);
        if (provider is null)
        {
            return new ProviderOrderBoard(null, []);
        }
        var rows = await db.ServiceOrders.AsNoTracking().Where(o => o.ProviderId == provider.Id).ToListAsync(ct);
        var lines = await LinesAsync(rows, (order, _, now) => order.ProviderOffers(provider.Id, now), ct);
        return new ProviderOrderBoard(provider, [.. lines
            .OrderBy(l => l.Offers.Count == 0)
            .ThenBy(l => l.Row.State is ServiceOrderState.Rated or ServiceOrderState.Attended or ServiceOrderState.Cancelled)
            .ThenBy(l => l.Row.ScheduledStart ?? l.Row.PreferredStart)]);
    }

    // What the viewer is offered, given the order and its current provider. One read for the logs, offerings, providers and places of all the rows, then each order rebuilt in memory.
    private async Task<IReadOnlyList<ServiceOrderLine>> LinesAsync(List<ServiceOrderRecord> rows, Func<ServiceOrder, ServiceProviderRecord?, Instant, IReadOnlySet<ServiceOrderAction>> offers, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var events = (await db.ServiceOrderEvents.AsNoTracking().Where(e => ids.Contains(e.OrderId)).ToListAsync(ct))
            .ToLookup(e => e.OrderId);
        var offerings = await db.ServiceOfferings.AsNoTracking().ToDictionaryAsync(o => o.Code, ct);
        var providers = await db.ServiceProviders.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var codes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var places = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var now = clock.GetCurrentInstant();
        return [.. rows.Select(row =>
        {
            var offering = offerings[row.OfferingCode];
            var order = ServiceOrderCompletion.Replay(row, [.. events[row.Id].OrderBy(e => e.Sequence)], offering, providers);
            var provider = row.ProviderId is { } p && providers.TryGetValue(p, out var pr) ? pr : null;
            return new ServiceOrderLine(row, offering.Name, places.GetValueOrDefault(row.DivisionCode, row.DivisionCode), provider?.Name ?? "",
                provider?.AccountId is not null, offers(order, provider, now));
        })];
    }
}
