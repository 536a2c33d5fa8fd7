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
        path.StartsWithSegments("/portal") || path.StartsWithSegments("/query") || path.StartsWithSegments("/open311");

    public static IServiceCollection AddFengqiaoPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSingleton<PublicAbuseGuard>();
        services.AddScoped<Data.Portal.PublicIntake>();
        services.AddScoped<Data.Portal.PublicPlaces>();
        services.AddScoped<Data.Portal.CodeHolderDesk>();
        services.AddScoped<Data.Open311.Open311Clients>();
        services.AddScoped<Data.Open311.Open311Desk>();
        var posts = configuration.GetValue("Portal:PostsPerMinute", 20);
        var reads = configuration.GetValue("Portal:ReadsPerMinute", 300);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => new ValueTask(RefuseAsync(context.HttpContext, 429, "请求过于频繁，请一分钟后再试 (too many requests; try again in a minute)"));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!IsPublic(http.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("staff");
                }
                var writes = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter((writes ? "w:" : "r:") + PublicAbuseGuard.ClientOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = writes ? posts : reads,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    public static WebApplication UseFengqiaoPublicGuards(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!IsPublic(request.Path) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
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

    /// <summary>Open311 callers get the spec's error list; residents get one line of text in their language.</summary>
    public static async Task RefuseAsync(HttpContext http, int status, string bilingualMessage)
    {
        if (http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = status;
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
