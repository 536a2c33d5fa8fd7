using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Fengqiao.Web.Api;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace Fengqiao.Web.Portal;

/// <summary>
/// What stands in front of the public endpoints (the portal, /query, Open311): a rate limit per client, body size
/// limits, and refusal of malformed or wrongly encoded form bodies before any page or endpoint sees them.
/// </summary>
public static class PublicGuards
{
    /// <summary>Three 2 MB photos plus the text and multipart framing.</summary>
    public const long MaxSubmissionBytes = 7 * 1024 * 1024;

    /// <summary>Every other public form: a few short fields.</summary>
    public const long MaxFormBytes = 64 * 1024;

    public static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/portal") || path.StartsWithSegments("/query") || path.StartsWithSegments("/open311")
        || path.StartsWithSegments("/mediation/join");

    public static IServiceCollection AddFengqiaoPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton<PublicAbuseGuard>();
        services.AddSingleton<Public.TrackTickets>();
        services.AddScoped<Data.Portal.PublicIntake>();
        services.AddScoped<Data.Portal.PublicPlaces>();
        services.AddScoped<Data.Portal.CodeHolderDesk>();
        services.AddScoped<Data.Mediation.RemoteMediationDesk>();
        services.AddScoped<Data.Open311.Open311Clients>();
        services.AddScoped<Data.Open311.Open311Desk>();
        // Registered before AddProblemDetails adds the default writer, so Open311 paths get the spec's error list.
        services.AddSingleton<IProblemDetailsWriter, Open311ErrorWriter>();
        // A failure on an Open311 path answers the error list, not the error page.
        services.AddExceptionHandler<Open311FailureAnswer>();
        var posts = configuration.GetValue("Portal:PostsPerMinute", 20);
        var reads = configuration.GetValue("Portal:ReadsPerMinute", 300);
        var keyPosts = configuration.GetValue("Open311:KeyHolderPostsPerMinute", 600);
        var keyReads = configuration.GetValue("Open311:KeyHolderReadsPerMinute", 3000);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(RefuseAsync(context.HttpContext, 429, "请求过于频繁，请一分钟后再试 (too many requests; try again in a minute)"));
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!IsPublic(http.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("staff");
                }
                var writes = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
                // An Open311 client with a live key has a budget of its own, wherever its requests come from.
                var holder = Open311KeyHolders.ClientOf(http);
                var who = holder is { } client ? "k:" + client.ToString("N") : PublicAbuseGuard.ClientOf(http);
                var limit = holder is null ? (writes ? posts : reads) : (writes ? keyPosts : keyReads);
                return RateLimitPartition.GetFixedWindowLimiter((writes ? "w:" : "r:") + who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        // GeoReport v2 is public data: browser clients on the configured origins may read it (GET only).
        var origins = configuration.GetSection("Open311:AllowedOrigins").Get<string[]>() ?? ["*"];
        services.AddCors(o => o.AddPolicy(Open311Api.CorsPolicy, p =>
        {
            if (origins.Contains("*"))
            {
                p.AllowAnyOrigin();
            }
            else
            {
                p.WithOrigins(origins);
            }
            p.WithMethods("GET", "HEAD").AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return services;
    }

    public static WebApplication UseFengqiaoPublicGuards(this WebApplication app)
    {
        // CORS first, so a preflight is answered before any limit or body check; then who holds an Open311 key, which
        // the limiter's partition needs.
        app.UseCors();
        app.UseMiddleware<Open311KeyHolders>();
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!IsPublic(request.Path) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || IsRefusedByRouting(http))
            {
                await next(http);
                return;
            }
            var limit = request.Path.StartsWithSegments("/portal/submit") ? MaxSubmissionBytes : MaxFormBytes;
            if (request.ContentLength > limit)
            {
                await RefuseAsync(http, 413, $"请求过大：不超过 {limit / 1024} KB (the request is too large: at most {limit / 1024} KB)");
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
            if (!request.HasFormContentType)
            {
                await RefuseAsync(http, 415, "请以表单方式提交 (application/x-www-form-urlencoded or multipart/form-data) (send a form: application/x-www-form-urlencoded or multipart/form-data)");
                return;
            }
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
            {
                var tooLarge = ex is BadHttpRequestException { StatusCode: 413 };
                await RefuseAsync(http, tooLarge ? 413 : 400, tooLarge
                    ? $"请求过大：不超过 {limit / 1024} KB (the request is too large: at most {limit / 1024} KB)"
                    : "表单格式错误，无法读取 (the form is malformed and could not be read)");
                return;
            }
            // Invalid UTF-8 is decoded to U+FFFD; nothing a resident typed contains it, so the body was broken or hostile.
            if (form.Any(f => f.Key.Contains('\uFFFD', StringComparison.Ordinal) || f.Value.Any(v => v is not null && v.Contains('\uFFFD', StringComparison.Ordinal)))
                || form.Files.Any(f => f.FileName.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                await RefuseAsync(http, 400, "表单内容不是有效的 UTF-8 文本 (the form is not valid UTF-8 text)");
                return;
            }
            // Checked here as well as by the endpoints, so an expired or missing token gets a sentence, not a bare 400.
            if (!request.Path.StartsWithSegments("/open311")
                && !await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(http))
            {
                await RefuseAsync(http, 400, "表单已过期或缺少安全令牌，请刷新页面后重试 (the form has expired or lacks its security token; reload the page and try again)");
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>
    /// An Open311 request no endpoint takes with its method (DELETE, OPTIONS without a preflight, an unknown path): it has
    /// no body worth checking, and routing answers 404 or 405 in the spec's error list.
    /// </summary>
    private static bool IsRefusedByRouting(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/open311"))
        {
            return false;
        }
        var methods = http.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>();
        return methods is null || !methods.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Open311 callers get the spec's error list; residents get one line of text in their language.</summary>
    public static async Task RefuseAsync(HttpContext http, int status, string bilingualMessage)
    {
        if (http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests && !http.Response.Headers.ContainsKey("Retry-After"))
        {
            http.Response.Headers.RetryAfter = "60";
        }
        var message = BilingualText.Pick(bilingualMessage);
        if (http.Request.Path.StartsWithSegments("/open311"))
        {
            await Open311Api.WriteErrorsAsync(http, status, [message]);
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, Encoding.UTF8, http.RequestAborted);
    }
}
