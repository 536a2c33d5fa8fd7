using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>An order as submitted from the portal's form (点单).</summary>
public sealed record NewServiceOrder(
    string? OfferingCode,
    string? Topic,
    OrdererKind OrdererKind,
    string? OrdererName,
    string? Phone,
    string? CreditCode,
    string? DivisionCode,
    LocalDate? Date,
    Guid? ChosenProviderId,
    string? AccountId);

/// <summary>Field → messages for a refused order; nothing was stored.</summary>
public sealed class ServiceOrderValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("点单信息有误 (the order has invalid fields): " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// The service menu (点单式服务) over the database: the catalogue, providers with their free time, orders placed,
/// matched to a provider by Core's <see cref="ProviderMatcher"/> at once, and confirmed and scheduled by the provider
/// (through <see cref="ProviderOrderDesk"/>, which checks the order is theirs) or, for a provider without an account, by
/// the office. Each step goes through Core's <see cref="ServiceOrder"/> and is logged.
/// </summary>
public sealed class ServiceMenuDesk(FengqiaoDbContext db, IClock clock, Security.PersonalDataProtector protector)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>Orders are for a day: the provider's free time that day between 08:30 and 21:00 is the window.</summary>
    public static readonly LocalTime DayStart = new(8, 30);
    public static readonly LocalTime DayEnd = new(21, 0);

    public async Task EnsureCatalogueAsync(CancellationToken ct = default)
    {
        var existing = await db.ServiceOfferings.Select(o => o.Code).ToListAsync(ct);
        foreach (var o in ServiceCatalogue.Default.Where(o => !existing.Contains(o.Code)))
        {
            db.ServiceOfferings.Add(new ServiceOfferingRecord
            {
                Code = o.Code, Kind = o.Kind, Name = o.Name, Topics = string.Join('\n', o.Topics),
                Orderers = string.Join(',', o.Orderers.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)).Order()),
                LecturerChoice = o.LecturerChoice, DurationMinutes = (int)o.Duration.TotalMinutes,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ServiceOffering>> OfferingsAsync(CancellationToken ct = default) =>
        [.. (await db.ServiceOfferings.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct)).Select(ToOffering)];

    public async Task<IReadOnlyList<ServiceProvider>> ProvidersAsync(CancellationToken ct = default)
    {
        var rows = await db.ServiceProviders.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        var slots = (await db.ProviderFreeSlots.AsNoTracking().Where(s => s.End > now).ToListAsync(ct)).ToLookup(s => s.ProviderId);
        return [.. rows.Select(r => ToProvider(r, slots[r.Id].Select(s => new TimeSlot(s.Start, s.End))))];
    }

    /// <summary>A provider's name, for telling the orderer who will come.</summary>
    public Task<string?> ProviderNameAsync(Guid id, CancellationToken ct = default) =>
        db.ServiceProviders.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Places an order and matches it: a chosen lecturer when the orderer chose one and the lecturer fits, otherwise the
    /// best provider Core ranks; the provider's slot is held for the order. An order no provider fits stays "ordered"
    /// for the office to dispatch by hand.
    /// </summary>
    public async Task<ServiceOrderRecord> PlaceAsync(NewServiceOrder request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetCurrentInstant();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var offeringRow = string.IsNullOrWhiteSpace(request.OfferingCode) ? null : await db.ServiceOfferings.AsNoTracking().FirstOrDefaultAsync(o => o.Code == request.OfferingCode, ct);
        if (offeringRow is null)
        {
            Add(nameof(request.OfferingCode), "请选择服务项目 (choose a service)");
        }
        if (string.IsNullOrWhiteSpace(request.OrdererName) || request.OrdererName.Trim().Length > 100)
        {
            Add(nameof(request.OrdererName), "请填写点单人或单位名称（不超过 100 字） (the orderer's name is required, at most 100 characters)");
        }
        string? phone = null;
        if (!PhoneNumber.TryParse(request.Phone, out var parsedPhone, out var phoneError))
        {
            Add(nameof(request.Phone), phoneError);
        }
        else
        {
            phone = parsedPhone.Value;
        }
        UnifiedSocialCreditCode? credit = null;
        if (request.OrdererKind == OrdererKind.Enterprise)
        {
            if (UnifiedSocialCreditCode.TryParse(request.CreditCode, out var code, out var creditError))
            {
                credit = code;
            }
            else
            {
                Add(nameof(request.CreditCode), creditError);
            }
        }
        DivisionCode? area = null;
        if (!DivisionCode.TryParse(request.DivisionCode, out var division, out var divisionError))
        {
            Add(nameof(request.DivisionCode), divisionError);
        }
        else if (division.Level < DivisionLevel.Town || !await db.Divisions.AnyAsync(d => d.Code == division.Value, ct))
        {
            Add(nameof(request.DivisionCode), "请选择所在乡镇（街道）或村（社区） (choose your town or village)");
        }
        else if (request.OrdererKind == OrdererKind.VillageCommittee && division.Level != DivisionLevel.Village)
        {
            Add(nameof(request.DivisionCode), "村（居）委会点单请选择本村（社区） (a village committee orders for its village)");
        }
        else
        {
            area = division;
        }
        var today = now.InZone(Zone).Date;
        if (request.Date is not { } date || date <= today || date > today.PlusDays(90))
        {
            Add(nameof(request.Date), "期望日期应在明天到 90 天之内 (the date must be between tomorrow and 90 days ahead)");
        }
        if (!Enum.IsDefined(request.OrdererKind))
        {
            Add(nameof(request.OrdererKind), "点单人类别无效 (unknown kind of orderer)");
        }
        if (errors.Count > 0)
        {
            throw new ServiceOrderValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var offering = ToOffering(offeringRow!);
        await protector.EnsureReadyAsync(ct);
        var phoneIndex = protector.PhoneIndex(phone!);
        Orderer orderer = request.OrdererKind switch
        {
            OrdererKind.Enterprise => new EnterpriseOrderer(credit!.Value, request.OrdererName!, area!.Value),
            OrdererKind.VillageCommittee => new VillageCommitteeOrderer(request.OrdererName!, area!.Value),
            // A resident on the portal without an account is known by the phone the office calls back.
            _ => new ResidentOrderer(ServiceOrderPhones.ResidentKey(request.AccountId, phoneIndex), request.OrdererName!, area!.Value),
        };
        var day = request.Date!.Value;
        var window = new TimeSlot(day.At(DayStart).InZoneLeniently(Zone).ToInstant(), day.At(DayEnd).InZoneLeniently(Zone).ToInstant());
        var id = Guid.CreateVersion7();
        var placed = ServiceOrder.Place(id, offering, orderer, request.Topic, window, request.ChosenProviderId, now);
        var providers = await ProvidersAsync(ct);
        if (request.ChosenProviderId is { } named)
        {
            // A named lecturer who cannot serve that day is said so, with the days he can; nothing is stored.
            var lecturer = providers.FirstOrDefault(p => p.Id == named);
            var refusal = lecturer is null
                ? "所选讲师不存在 (no such lecturer)"
                : ProviderMatcher.ChosenRefusal(ProviderMatcher.Assess(placed.Order, lecturer),
                    lecturer.FreeDays(today.PlusDays(1), today.PlusDays(90), DayStart, DayEnd, Zone, offering.Duration));
            if (refusal is not null)
            {
                throw new ServiceOrderValidationException(new Dictionary<string, string[]> { [nameof(request.Date)] = [refusal] });
            }
        }
        var record = new ServiceOrderRecord
        {
            Id = id,
            TrackingCode = await NextCodeAsync(now, ct),
            OfferingCode = offering.Code,
            OrdererKind = orderer.Kind,
            OrdererName = orderer.Name,
            CreditCode = credit?.Value,
            OrdererAccountId = request.AccountId,
            DivisionCode = area!.Value.Value,
            Topic = placed.Order.Topic,
            PreferredStart = window.Start,
            PreferredEnd = window.End,
            ChosenProviderId = request.ChosenProviderId,
            OrderedAt = now,
            State = placed.Order.State,
        };
        ServiceOrderPhones.Seal(record, protector, phone!);
        db.ServiceOrders.Add(record);
        Log(record, placed.Event, 1);

        var candidates = request.ChosenProviderId is { } chosen ? providers.Where(p => p.Id == chosen) : providers;
        var best = ProviderMatcher.Rank(placed.Order, candidates).FirstOrDefault(m => m.Eligible);
        if (best is not null)
        {
            var matched = placed.Order.Match(best.Provider, now, "system");
            record.State = matched.Order.State;
            record.ProviderId = best.Provider.Id;
            record.ScheduledStart = best.Slot!.Start;
            record.ScheduledEnd = best.Slot.End;
            Log(record, matched.Event, 2);
            await HoldSlotAsync(best.Provider.Id, best.Slot, ct);
        }
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The matched order is accepted (接单) and the held slot becomes its time (排期).</summary>
    public async Task<ServiceOrderRecord?> ConfirmAsync(Guid orderId, string actor, CancellationToken ct = default)
    {
        var record = await db.ServiceOrders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (record is null)
        {
            return null;
        }
        if (record.State != ServiceOrderState.Matched || record.ProviderId is not { } providerId || record.ScheduledStart is not { } start)
        {
            throw new ServiceRuleException(record.State, $"订单处于“{record.State}”状态，不能接单 (cannot confirm an order that is {record.State})");
        }
        var now = clock.GetCurrentInstant();
        var slot = new TimeSlot(start, record.ScheduledEnd!.Value);
        var providerRow = await db.ServiceProviders.AsNoTracking().FirstAsync(p => p.Id == providerId, ct);
        // The held slot is the provider's time for this order; rebuilding the provider with it replays the match exactly.
        var provider = ToProvider(providerRow, [slot]);
        var order = await ReplayToMatchedAsync(record, provider, ct);
        var confirmed = order.Confirm(providerId, now);
        var scheduled = confirmed.Order.Schedule(provider, slot, now, actor);
        var sequence = await db.ServiceOrderEvents.CountAsync(e => e.OrderId == record.Id, ct);
        Log(record, confirmed.Event, sequence + 1);
        Log(record, scheduled.Event, sequence + 2);
        record.State = scheduled.Order.State;
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// The providers the office may send an order to by hand (派单) when automatic matching found none, best first, each
    /// with Core's verdict: whether it fits, the slot it would take, and why not.
    /// </summary>
    public async Task<IReadOnlyList<MatchAssessment>> CandidatesAsync(Guid orderId, CancellationToken ct = default)
    {
        if (await ServiceOrderCompletion.LoadAsync(db, orderId, verified: false, ct) is not { } found)
        {
            return [];
        }
        // A lecturer the orderer chose is the only one the order may go to (Core refuses any other). The fitting ones
        // come ranked; the rest follow with Core's reasons, so the office sees why nobody was matched.
        var order = found.Order;
        var providers = (await ProvidersAsync(ct)).Where(p => order.ChosenProvider is null || p.Id == order.ChosenProvider).ToList();
        return [.. ProviderMatcher.Rank(order, providers),
            .. providers.Select(p => ProviderMatcher.Assess(order, p)).Where(a => !a.Eligible).OrderBy(a => a.Provider.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The office dispatches an order by hand (人工派单) to a provider Core says fits; the provider's slot is held as when
    /// matching automatically, and the provider confirms as usual.
    /// </summary>
    public async Task<ServiceOrderRecord?> DispatchAsync(Guid orderId, Guid providerId, string actor, CancellationToken ct = default)
    {
        if (await ServiceOrderCompletion.LoadAsync(db, orderId, verified: false, ct) is not (var record, var order, var events))
        {
            return null;
        }
        var provider = (await ProvidersAsync(ct)).FirstOrDefault(p => p.Id == providerId)
            ?? throw new ServiceRuleException("所选服务方不存在 (no such provider)");
        var matched = order.Match(provider, clock.GetCurrentInstant(), actor);
        var slot = ProviderMatcher.Assess(order, provider).Slot!;
        record.State = matched.Order.State;
        record.ProviderId = provider.Id;
        record.ScheduledStart = slot.Start;
        record.ScheduledEnd = slot.End;
        Log(record, matched.Event, events.Count + 1);
        await HoldSlotAsync(provider.Id, slot, ct);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>
    /// The office cancels an order at the orderer's request (取消), with the reason given, before the service is held;
    /// a slot held for it goes back to the provider's free time.
    /// </summary>
    public async Task<ServiceOrderRecord?> CancelAsync(Guid orderId, string? reason, string actor, CancellationToken ct = default)
    {
        if (await ServiceOrderCompletion.LoadAsync(db, orderId, verified: false, ct) is not (var record, var order, var events))
        {
            return null;
        }
        var cancelled = order.Cancel(reason ?? "", clock.GetCurrentInstant());
        Log(record, cancelled.Event with { Actor = actor }, events.Count + 1);
        if (record.ProviderId is { } provider && record.ScheduledStart is { } start && record.ScheduledEnd is { } end)
        {
            db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord { ProviderId = provider, Start = start, End = end });
        }
        record.State = cancelled.Order.State;
        await db.SaveChangesAsync(ct);
        return record;
    }

    private async Task<ServiceOrder> ReplayToMatchedAsync(ServiceOrderRecord record, ServiceProvider provider, CancellationToken ct)
    {
        var offering = ToOffering(await db.ServiceOfferings.AsNoTracking().FirstAsync(o => o.Code == record.OfferingCode, ct));
        var placed = ServiceOrder.Place(record.Id, offering, OrdererOf(record), record.Topic, new TimeSlot(record.PreferredStart, record.PreferredEnd), record.ChosenProviderId, record.OrderedAt);
        return placed.Order.Match(provider, record.OrderedAt, "system").Order;
    }

    /// <summary>The orderer as placed, rebuilt from the stored order for a replay.</summary>
    internal static Orderer OrdererOf(ServiceOrderRecord record)
    {
        var area = DivisionCode.Parse(record.DivisionCode);
        return record.OrdererKind switch
        {
            OrdererKind.Enterprise => new EnterpriseOrderer(UnifiedSocialCreditCode.Parse(record.CreditCode!), record.OrdererName, area),
            OrdererKind.VillageCommittee => new VillageCommitteeOrderer(record.OrdererName, area),
            _ => new ResidentOrderer(ServiceOrderPhones.ResidentKey(record.OrdererAccountId, record.ContactPhoneIndex ?? record.LegacyContactPhone), record.OrdererName, area),
        };
    }

    /// <summary>Cuts the matched slot out of the provider's free time, so the next order is not given the same hours.</summary>
    internal async Task HoldSlotAsync(Guid providerId, TimeSlot slot, CancellationToken ct)
    {
        var free = await db.ProviderFreeSlots.FirstOrDefaultAsync(s => s.ProviderId == providerId && s.Start <= slot.Start && s.End >= slot.End, ct);
        if (free is null)
        {
            return;
        }
        db.ProviderFreeSlots.Remove(free);
        if (free.Start < slot.Start)
        {
            db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord { ProviderId = providerId, Start = free.Start, End = slot.Start });
        }
        if (slot.End < free.End)
        {
            db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord { ProviderId = providerId, Start = slot.End, End = free.End });
        }
    }

    private void Log(ServiceOrderRecord record, ServiceOrderEvent e, int sequence) =>
        db.ServiceOrderEvents.Add(new ServiceOrderEventRecord
        {
            OrderId = record.Id, Sequence = sequence, Kind = e.Kind, Before = e.Before, After = e.After, At = e.At, Actor = e.Actor,
            Note = e.Data.IsEmpty ? null : JsonSerializer.Serialize(e.Data),
        });

    private async Task<string> NextCodeAsync(Instant now, CancellationToken ct)
    {
        var year = now.InZone(Zone).Year;
        var prefix = $"FW-{year}-";
        var count = await db.ServiceOrders.IgnoreQueryFilters().CountAsync(o => o.TrackingCode.StartsWith(prefix), ct);
        return prefix + (count + 1).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static ServiceOffering ToOffering(ServiceOfferingRecord r) =>
        ServiceOffering.Create(r.Code, r.Kind, r.Name, r.Topics.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            r.Orderers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => (OrdererKind)int.Parse(s, CultureInfo.InvariantCulture)),
            r.LecturerChoice, Duration.FromMinutes(r.DurationMinutes));

    public static ServiceProvider ToProvider(ServiceProviderRecord r, IEnumerable<TimeSlot> slots) =>
        ServiceProvider.Create(r.Id, r.Name, r.Organisation,
            r.Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => (ServiceKind)int.Parse(s, CultureInfo.InvariantCulture)),
            r.Topics.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            r.Areas.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(DivisionCode.Parse), slots);

    public static ImmutableArray<string> Kinds(IEnumerable<ServiceKind> kinds) => [.. kinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture))];
}
