using Fengqiao.Data.Infrastructure;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;

namespace Fengqiao.Web.Api;

/// <summary>
/// An unexpected failure on an Open311 path answers 500 with GeoReport v2's error list in the path's format, not the
/// error page a browser gets: a client parses one error shape. A database outage is left to <see cref="DatabaseOutageAnswer"/> (503).
/// </summary>
public sealed class Open311FailureAnswer : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // With an error page configured the request already points at it here; the format comes from the address asked for.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (!path.StartsWithSegments("/open311") || DatabaseOutage.Is(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Request.Path = path;
        await Open311Api.WriteErrorsAsync(httpContext, StatusCodes.Status500InternalServerError,
            [BilingualText.Pick("服务器暂时无法处理，请稍后再试 (the server could not handle the request; try again later)")]);
        return true;
    }
}
