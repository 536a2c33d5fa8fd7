using System.Globalization;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Fengqiao.Web.Infrastructure;

/// <summary>
/// While the database is out of reach every caller hears "not taken, come back in a few seconds" in its own form:
/// 503 with Retry-After and ProblemDetails on the JSON API, the GeoReport error list on Open311, and a calm page
/// (Error.razor) everywhere else. Before, all of them got 500 and the API an HTML page.
/// </summary>
public sealed class DatabaseOutageAnswer(IStringLocalizer<Strings> l) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.Is(exception))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        // The address asked for: with an error page configured, the request already points at it here.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (path.StartsWithSegments("/open311"))
        {
            await Api.Open311Api.WriteErrorsAsync(httpContext, StatusCodes.Status503ServiceUnavailable, [l["Outage.Detail"]]);
            return true;
        }
        if (path.StartsWithSegments("/api"))
        {
            // Whatever the client's Accept header says: an API client must be able to tell "retry" from "refused".
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: l["Outage.Title"], detail: l["Outage.Detail"],
                extensions: new Dictionary<string, object?> { ["retryable"] = true, ["traceId"] = httpContext.TraceIdentifier }).ExecuteAsync(httpContext);
            return true;
        }
        // Pages: the error page, re-executed by the middleware, says it in words and keeps the 503.
        return false;
    }
}
