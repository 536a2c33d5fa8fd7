using System.Security.Claims;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.ServiceMenu;

public sealed record ProviderOrderDto(Guid Id, string TrackingCode, string OfferingCode, string Service, string? Topic, OrdererKind OrdererKind, string OrdererName,
    string DivisionCode, Instant? ScheduledStart, Instant? ScheduledEnd, ServiceOrderState State, int? Attendance, int? Stars, string? Comment, int Version,
    IReadOnlyList<ServiceOrderAction> Offers);

public sealed record DeclineOrderDto(string? Reason);

public sealed record AttendanceDto(int Count);

public sealed record ServiceProviderLinkDto(Guid Id, string Name, string Organisation, string? UserName);

public sealed record LinkAccountDto(string? UserName);

/// <summary>
/// A service provider's own orders (我的服务订单) for the provider's phone: the list, confirm (接单), decline with a
/// reason (拒单), held (已开展) and the attendance count. An order matched to another provider is refused with 403 and
/// the attempt is logged; an order that does not exist is 404; a step the rules refuse is 422. Nothing changes on a refusal.
/// Each listed order carries the steps its provider may take now (<c>offers</c>, Core's rule).
/// </summary>
public static class Endpoints
{
    public static void MapServiceMenu(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/orders").RequireAuthorization(Policies.ServiceProvider).WithTags("ServiceMenu");
        group.MapGet("/", ListOwnOrders).WithSummary("The orders matched to the signed-in provider, those waiting for you first, with the steps you may take");
        group.MapPost("/{id:guid}/confirm", Confirm).WithSummary("Accept an order matched to you (接单); its held time becomes its schedule");
        group.MapPost("/{id:guid}/decline", Decline)
            .WithSummary("Decline an order matched to you, with a reason (拒单): it is matched again, or waits with the reason when you were chosen by name");
        group.MapPost("/{id:guid}/held", MarkHeld).WithSummary("Record that the service took place (已开展); not before its scheduled start");
        group.MapPost("/{id:guid}/attendance", RecordAttendance).WithSummary("Record how many attended (参加人数)");

        // Administrators link a provider row to the sign-in account of the person (讲师、调解员账号关联).
        var links = app.MapGroup("/api/service-providers").RequireAuthorization(Policies.Administrator).WithTags("ServiceMenu");
        links.MapGet("/", ListProviderLinks).WithSummary("Providers with the user name of the account linked to each");
        links.MapPut("/{id:guid}/account", LinkAccount).WithSummary("Link a provider to a service-provider account by user name (null unlinks)");
    }

    private static async Task<Ok<List<ProviderOrderDto>>> ListOwnOrders(HttpContext http, ServiceOrderBoard board, CancellationToken ct) =>
        TypedResults.Ok((await board.ProviderAsync(Account(http), ct)).Orders
            .Select(l => ToDto(l.Row, l.Service, [.. l.Offers.Order()])).ToList());

    private static Task<Results<Ok<ProviderOrderDto>, ProblemHttpResult>> Confirm(Guid id, HttpContext http, ProviderOrderDesk desk, ServiceOrderBoard board, ILoggerFactory logs, CancellationToken ct) =>
        ActAsync(http, board, logs, id, "confirm", () => desk.ConfirmAsync(id, Account(http), Actor(http), ct));

    private static Task<Results<Ok<ProviderOrderDto>, ProblemHttpResult>> Decline(Guid id, DeclineOrderDto request, HttpContext http, ProviderOrderDesk desk, ServiceOrderBoard board, ILoggerFactory logs,
        CancellationToken ct) =>
        ActAsync(http, board, logs, id, "decline", () => desk.DeclineAsync(id, request.Reason, Account(http), Actor(http), ct));

    private static Task<Results<Ok<ProviderOrderDto>, ProblemHttpResult>> MarkHeld(Guid id, HttpContext http, ProviderOrderDesk desk, ServiceOrderBoard board, ILoggerFactory logs, CancellationToken ct) =>
        ActAsync(http, board, logs, id, "held", () => desk.MarkHeldAsync(id, Account(http), Actor(http), ct));

    private static Task<Results<Ok<ProviderOrderDto>, ProblemHttpResult>> RecordAttendance(Guid id, AttendanceDto request, HttpContext http, ProviderOrderDesk desk,
        ServiceOrderBoard board, ILoggerFactory logs, CancellationToken ct) =>
        ActAsync(http, board, logs, id, "attendance", () => desk.RecordAttendanceAsync(id, request.Count, Account(http), Actor(http), ct));

    private static async Task<Ok<List<ServiceProviderLinkDto>>> ListProviderLinks(ProviderOrderDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.LinksAsync(ct)).Select(p => new ServiceProviderLinkDto(p.Id, p.Name, p.Organisation, p.UserName)).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> LinkAccount(Guid id, LinkAccountDto request, ProviderOrderDesk desk, CancellationToken ct) =>
        await desk.LinkAccountAsync(id, request.UserName, ct) is { } problem
            ? TypedResults.Problem(statusCode: problem.StartsWith("服务提供者不存在", StringComparison.Ordinal) ? 404 : 422, title: BilingualText.Pick(problem))
            : TypedResults.NoContent();

    // The answer is the order after the step, with the steps now open to the provider (none once declined).
    private static async Task<Results<Ok<ProviderOrderDto>, ProblemHttpResult>> ActAsync(HttpContext http, ServiceOrderBoard board, ILoggerFactory logs, Guid id, string action,
        Func<Task<ServiceOrderRecord?>> work)
    {
        var log = logs.CreateLogger("Fengqiao.ServiceMenu");
        try
        {
            var record = await work();
            if (record is null)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("订单不存在 (no such order)"));
            }
            ProviderOrdersLog.Acted(log, Actor(http), action, record.TrackingCode);
            var line = (await board.ProviderAsync(Account(http), http.RequestAborted)).Orders.FirstOrDefault(l => l.Row.Id == id);
            return TypedResults.Ok(line is null ? ToDto(record, record.OfferingCode, []) : ToDto(line.Row, line.Service, [.. line.Offers.Order()]));
        }
        catch (ProviderOrderRefusedException ex)
        {
            ProviderOrdersLog.NotTheirs(log, Actor(http), action, id);
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick(ex.Message));
        }
        catch (ServiceRuleException ex)
        {
            ProviderOrdersLog.Refused(log, Actor(http), action, id, ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick("订单已被他人更新，请刷新后重试 (the order was changed meanwhile; reload and try again)"));
        }
    }

    private static string Account(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "?";

    private static ProviderOrderDto ToDto(ServiceOrderRecord o, string service, IReadOnlyList<ServiceOrderAction> offers) => new(o.Id, o.TrackingCode, o.OfferingCode, service,
        o.Topic, o.OrdererKind, o.OrdererName, o.DivisionCode, o.ScheduledStart, o.ScheduledEnd, o.State, o.Attendance, o.Stars, o.Comment, o.Version, offers);
}

internal static partial class ProviderOrdersLog
{
    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Service order refused: {Actor} tried to {Action} order {OrderId}, which is not matched to them")]
    public static partial void NotTheirs(ILogger logger, string actor, string action, Guid orderId);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Information, Message = "Service order step refused: {Actor} {Action} {OrderId}: {Reason}")]
    public static partial void Refused(ILogger logger, string actor, string action, Guid orderId, string reason);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Information, Message = "Service order {TrackingCode}: {Actor} {Action}")]
    public static partial void Acted(ILogger logger, string actor, string action, string trackingCode);
}
