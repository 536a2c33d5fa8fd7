using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Fengqiao.Core.ServiceMenu;

/// <summary>Where an order stands.</summary>
public enum ServiceOrderState
{
    Ordered = 1,   // 已点单
    Matched = 2,   // 已派单（待服务方确认）
    Confirmed = 3, // 服务方已接单
    Scheduled = 4, // 已排期
    Held = 5,      // 已开展
    Attended = 6,  // 已登记参加人数
    Rated = 7,     // 已评价
    Cancelled = 8, // 已取消
}

/// <summary>The steps of an order after it is placed. <see cref="ServiceOrder.Offers"/> says which of them may be taken now.</summary>
public enum ServiceOrderAction
{
    Match = 1,            // 派单
    Confirm = 2,          // 接单
    Decline = 3,          // 拒单
    Schedule = 4,         // 排期
    MarkHeld = 5,         // 登记开展
    RecordAttendance = 6, // 登记参加人数
    Rate = 7,             // 评价
    Cancel = 8,           // 取消
}

/// <summary>What a successful step did to an order, for its log.</summary>
public sealed record ServiceOrderEvent(string Kind, ServiceOrderState Before, ServiceOrderState After, Instant At, string Actor,
    ImmutableSortedDictionary<string, string> Data);

public sealed record ServiceOrderTransition(ServiceOrder Order, ServiceOrderEvent Event);

/// <summary>
/// An order from the service menu (点单): ordered → matched to a provider → confirmed by that provider →
/// scheduled → held → attendance counted → rated. A provider who declines sends the order back to be matched
/// again. Immutable: each step returns the order after it and the event to log.
/// </summary>
public sealed record ServiceOrder
{
    private ServiceOrder(Guid id, ServiceOffering offering, Orderer orderer, string? topic, TimeSlot preferredWindow,
        Guid? chosenProvider, Instant orderedAt)
    {
        Id = id;
        Offering = offering;
        Orderer = orderer;
        Topic = topic;
        PreferredWindow = preferredWindow;
        ChosenProvider = chosenProvider;
        OrderedAt = orderedAt;
    }

    public Guid Id { get; }

    public ServiceOffering Offering { get; }

    public Orderer Orderer { get; }

    public string? Topic { get; }

    /// <summary>When the orderer would like the service; matching looks for free time inside it.</summary>
    public TimeSlot PreferredWindow { get; }

    /// <summary>The lecturer the orderer chose (点师授课), if any.</summary>
    public Guid? ChosenProvider { get; }

    public Instant OrderedAt { get; }

    public ServiceOrderState State { get; private init; } = ServiceOrderState.Ordered;

    public Guid? Provider { get; private init; }

    public TimeSlot? Slot { get; private init; }

    public Instant? HeldAt { get; private init; }

    public int? Attendance { get; private init; }

    /// <summary>1–5 stars.</summary>
    public int? Stars { get; private init; }

    public string? RatingComment { get; private init; }

    /// <summary>Providers who declined, so the matcher does not offer the order to them again.</summary>
    public ImmutableArray<Guid> DeclinedBy { get; private init; } = [];

    /// <summary>Places an order, refusing one the orderer may not place.</summary>
    public static ServiceOrderTransition Place(Guid id, ServiceOffering offering, Orderer orderer, string? topic, TimeSlot preferredWindow,
        Guid? chosenProvider, Instant at)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(orderer);
        ArgumentNullException.ThrowIfNull(preferredWindow);
        if (id == Guid.Empty)
        {
            throw new ServiceRuleException("订单编号不能为空 (an order needs an id)");
        }
        if (!offering.Orderers.Contains(orderer.Kind))
        {
            var english = offering.EnterprisesOnly ? $"{offering.Code} is for enterprises only" : $"{offering.Code} cannot be ordered by a {orderer.Kind}";
            var chinese = offering.EnterprisesOnly ? $"“{offering.Name}”仅面向企业" : $"“{offering.Name}”不接受此类点单人";
            throw new ServiceRuleException($"{chinese} ({english})");
        }
        if (chosenProvider is not null && !offering.LecturerChoice)
        {
            throw new ServiceRuleException($"“{offering.Name}”不能点选讲师 ({offering.Code} does not let the orderer choose the lecturer)");
        }
        var trimmed = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim();
        if (trimmed is not null && offering.Topics.Length > 0 && !offering.Topics.Contains(trimmed))
        {
            throw new ServiceRuleException($"“{offering.Name}”没有“{trimmed}”这一主题 (no such topic on this service)");
        }
        if (preferredWindow.Length < offering.Duration)
        {
            throw new ServiceRuleException("期望时间段短于服务时长 (the preferred window is shorter than the service)");
        }
        if (preferredWindow.End <= at)
        {
            throw new ServiceRuleException("期望时间段已过 (the preferred window is in the past)");
        }
        var order = new ServiceOrder(id, offering, orderer, trimmed, preferredWindow, chosenProvider, at);
        return new ServiceOrderTransition(order, new ServiceOrderEvent("service.ordered", ServiceOrderState.Ordered, ServiceOrderState.Ordered,
            at, orderer.Name, Data(("offering", offering.Code), ("orderer", orderer.Kind.ToString()), ("topic", trimmed), ("chosen", chosenProvider?.ToString()))));
    }

    /// <summary>Dispatches the order to a provider (派单); a chosen lecturer can only be matched to that lecturer.</summary>
    public ServiceOrderTransition Match(ServiceProvider provider, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Begin(ServiceOrderAction.Match, null, at);
        if (ChosenProvider is { } chosen && chosen != provider.Id)
        {
            throw Refuse("点单人已点选讲师，不能派给其他人 (the orderer chose another lecturer)");
        }
        var check = ProviderMatcher.Assess(this, provider);
        if (!check.Eligible)
        {
            throw Refuse($"不能派给 {provider.Name}：{string.Join("；", check.Reasons)} (the provider does not fit the order)");
        }
        return Step("service.matched", at, actor, this with { State = ServiceOrderState.Matched, Provider = provider.Id }, ("provider", provider.Id.ToString()));
    }

    /// <summary>The matched provider accepts (接单). Only that provider may.</summary>
    public ServiceOrderTransition Confirm(Guid providerId, Instant at)
    {
        Begin(ServiceOrderAction.Confirm, providerId, at);
        return Step("service.confirmed", at, providerId.ToString(), this with { State = ServiceOrderState.Confirmed }, ("provider", providerId.ToString()));
    }

    /// <summary>The matched provider declines with a reason; the order goes back to be matched again.</summary>
    public ServiceOrderTransition Decline(Guid providerId, string reason, Instant at)
    {
        Begin(ServiceOrderAction.Decline, providerId, at);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Refuse("拒单须说明理由 (say why the order is declined)");
        }
        return Step("service.declined", at, providerId.ToString(),
            this with { State = ServiceOrderState.Ordered, Provider = null, DeclinedBy = DeclinedBy.Add(providerId) },
            ("provider", providerId.ToString()), ("reason", reason.Trim()));
    }

    /// <summary>Fixes the time (排期): a slot of the service's length in the provider's free time, checked by the caller's provider.</summary>
    public ServiceOrderTransition Schedule(ServiceProvider provider, TimeSlot slot, Instant at, string actor)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(slot);
        Begin(ServiceOrderAction.Schedule, provider.Id, at);
        if (slot.Length < Offering.Duration)
        {
            throw Refuse("排期时段短于服务时长 (the slot is shorter than the service)");
        }
        if (!provider.IsFree(slot))
        {
            throw Refuse($"{provider.Name} 在该时段没有空闲 (the provider is not free then)");
        }
        if (slot.Start <= at)
        {
            throw Refuse("不能排在过去的时间 (cannot schedule in the past)");
        }
        return Step("service.scheduled", at, actor, this with { State = ServiceOrderState.Scheduled, Slot = slot },
            ("start", slot.Start.ToString()), ("end", slot.End.ToString()));
    }

    /// <summary>The service took place (已开展); not before its scheduled start.</summary>
    public ServiceOrderTransition MarkHeld(Guid providerId, Instant at)
    {
        Begin(ServiceOrderAction.MarkHeld, providerId, at);
        return Step("service.held", at, providerId.ToString(), this with { State = ServiceOrderState.Held, HeldAt = at });
    }

    /// <summary>How many attended (参加人数); a one-to-one service has one.</summary>
    public ServiceOrderTransition RecordAttendance(int count, Instant at, string actor)
    {
        Begin(ServiceOrderAction.RecordAttendance, null, at);
        if (count < 1)
        {
            throw Refuse($"参加人数应至少为 1，收到 {count} (attendance must be at least 1)");
        }
        return Step("service.attended", at, actor, this with { State = ServiceOrderState.Attended, Attendance = count },
            ("count", count.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The orderer rates the service, once, after it was held.</summary>
    public ServiceOrderTransition Rate(int stars, string? comment, Instant at)
    {
        Begin(ServiceOrderAction.Rate, null, at);
        if (stars is < 1 or > 5)
        {
            throw Refuse($"评价应为 1–5 星，收到 {stars} (a rating is 1 to 5 stars)");
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return Step("service.rated", at, Orderer.Name, this with { State = ServiceOrderState.Rated, Stars = stars, RatingComment = text },
            ("stars", stars.ToString(CultureInfo.InvariantCulture)), ("comment", text));
    }

    /// <summary>The orderer withdraws before the service is held.</summary>
    public ServiceOrderTransition Cancel(string reason, Instant at)
    {
        Begin(ServiceOrderAction.Cancel, null, at);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Refuse("取消须说明理由 (say why the order is cancelled)");
        }
        if (reason.Trim().Length > TextLimits.Title)
        {
            throw Refuse($"取消理由不超过 {TextLimits.Title} 字 (the reason is at most {TextLimits.Title} characters)");
        }
        return Step("service.cancelled", at, Orderer.Name, this with { State = ServiceOrderState.Cancelled }, ("reason", reason.Trim()));
    }

    /// <summary>
    /// The steps that may be taken at <paramref name="at"/> by someone acting for <paramref name="provider"/> (a provider's
    /// own account, or the office for a provider without one; none for the orderer and the office otherwise), given the
    /// provider, slot, count, stars or reason a step asks for.
    /// </summary>
    public IReadOnlySet<ServiceOrderAction> Offers(Guid? provider, Instant at) =>
        Enum.GetValues<ServiceOrderAction>().Where(a => Refusal(a, provider, at) is null).ToFrozenSet();

    /// <summary>The steps a provider takes on their own orders; rating and cancelling are the orderer's, dispatching the office's.</summary>
    public static readonly FrozenSet<ServiceOrderAction> ProviderSteps = new[]
    {
        ServiceOrderAction.Confirm, ServiceOrderAction.Decline, ServiceOrderAction.Schedule, ServiceOrderAction.MarkHeld, ServiceOrderAction.RecordAttendance,
    }.ToFrozenSet();

    /// <summary>What <see cref="Offers"/> leaves to the provider acting through their own account.</summary>
    public IReadOnlySet<ServiceOrderAction> ProviderOffers(Guid provider, Instant at) =>
        ProviderSteps.Where(a => Refusal(a, provider, at) is null).ToFrozenSet();

    /// <summary>
    /// Why the step may not be taken at <paramref name="at"/> by someone acting for <paramref name="provider"/>, or null
    /// when it may: the order's state, whom it was sent to (接单、拒单、排期、登记开展 are the matched provider's), the
    /// scheduled start and the time of the order; the same rules each step applies before it reads what was entered.
    /// </summary>
    public ServiceRuleException? Refusal(ServiceOrderAction action, Guid? provider, Instant at) =>
        OwnRefusal(action, provider, at) is { } message ? Refuse(message) : null;

    private string? OwnRefusal(ServiceOrderAction action, Guid? provider, Instant at) => action switch
    {
        ServiceOrderAction.Match => StateRefusal(ServiceOrderState.Ordered, "派单", "match"),
        ServiceOrderAction.Confirm => StateRefusal(ServiceOrderState.Matched, "接单", "confirm") ?? AssignedRefusal(provider, "确认", "confirm"),
        ServiceOrderAction.Decline => StateRefusal(ServiceOrderState.Matched, "拒单", "decline") ?? AssignedRefusal(provider, "拒绝", "decline"),
        ServiceOrderAction.Schedule => StateRefusal(ServiceOrderState.Confirmed, "排期", "schedule") ?? AssignedRefusal(provider, "排期", "schedule"),
        ServiceOrderAction.MarkHeld => StateRefusal(ServiceOrderState.Scheduled, "登记开展", "mark held") ?? AssignedRefusal(provider, "登记开展", "mark held")
            ?? (at < Slot!.Start ? "服务尚未开始，不能登记为已开展 (the service has not started yet)" : null),
        ServiceOrderAction.RecordAttendance => StateRefusal(ServiceOrderState.Held, "登记参加人数", "record attendance"),
        ServiceOrderAction.Rate => State is ServiceOrderState.Held or ServiceOrderState.Attended ? null
            : State == ServiceOrderState.Rated ? "已评价，不能重复评价 (the order is already rated)"
            : "服务尚未开展，不能评价 (cannot rate a service before it is held)",
        ServiceOrderAction.Cancel => State is ServiceOrderState.Ordered or ServiceOrderState.Matched or ServiceOrderState.Confirmed or ServiceOrderState.Scheduled ? null
            : "服务已开展或已取消，不能取消 (only an order not yet held can be cancelled)",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知的订单操作 (unknown order step)"),
    } ?? (at < OrderedAt ? "操作时间早于点单时间 (the step is dated before the order)" : null);

    private void Begin(ServiceOrderAction action, Guid? provider, Instant at)
    {
        if (OwnRefusal(action, provider, at) is { } refusal)
        {
            throw Refuse(refusal);
        }
    }

    private string? StateRefusal(ServiceOrderState expected, string chinese, string english) =>
        State != expected ? $"订单处于“{State}”状态，不能{chinese} (cannot {english} an order that is {State})" : null;

    private string? AssignedRefusal(Guid? provider, string chinese, string english) =>
        Provider != provider ? $"该订单未派给你，不能{chinese} (cannot {english} an order not assigned to you)" : null;

    private ServiceRuleException Refuse(string message) => new(State, message);

    private ServiceOrderTransition Step(string kind, Instant at, string actor, ServiceOrder after, params (string Key, string? Value)[] data)
    {
        if (at < OrderedAt)
        {
            throw Refuse("操作时间早于点单时间 (the step is dated before the order)");
        }
        return new ServiceOrderTransition(after, new ServiceOrderEvent(kind, State, after.State, at, actor, Data(data)));
    }

    private static ImmutableSortedDictionary<string, string> Data(params (string Key, string? Value)[] data) =>
        data.Where(d => d.Value is not null).ToImmutableSortedDictionary(d => d.Key, d => d.Value!, StringComparer.Ordinal);
}
