using Fengqiao.Web.Resources;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace Fengqiao.Web.Infrastructure;

/// <summary>Every ProblemDetails carries a trace id and, for server errors, a localised message that says nothing was changed.</summary>
public static class ProblemDetailsLocalizer
{
    public static void Customize(ProblemDetailsContext context)
    {
        var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
        context.ProblemDetails.Extensions["traceId"] = activity?.Id ?? context.HttpContext.TraceIdentifier;
        if (context.ProblemDetails.Status >= 500)
        {
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
            // 503 is the database out of reach (DatabaseOutageAnswer): nothing was taken, and a retry is safe.
            var outage = context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable;
            context.ProblemDetails.Title = l[outage ? "Outage.Title" : "Error.Title"];
            context.ProblemDetails.Detail = l[outage ? "Outage.Detail" : "Error.Detail"];
        }
    }
}
