using Fengqiao.Core.Open311;
using Fengqiao.Data.Open311;
using Fengqiao.Web.Portal;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;

namespace Fengqiao.Web.Api;

/// <summary>
/// Finds out, before the rate limiter runs, whether an Open311 request carries a live api_key (in the query, or in a
/// small form body), so key holders are throttled per key with their larger budget and everyone else per address.
/// A key is checked against the database at most once a minute per node; an unknown key counts as no key, so sending
/// random keys never buys a larger budget.
/// </summary>
public sealed class Open311KeyHolders(RequestDelegate next, IMemoryCache cache)
{
    private const string ItemKey = "fengqiao.open311.client";
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    /// <summary>The client whose live key the request carries, or null.</summary>
    public static Guid? ClientOf(HttpContext http) => http.Items.TryGetValue(ItemKey, out var id) ? id as Guid? : null;

    public async Task InvokeAsync(HttpContext http, Open311Clients clients)
    {
        if (http.Request.Path.StartsWithSegments("/open311") && await KeyOfAsync(http) is { } key && Open311ApiKey.LooksValid(key))
        {
            var hash = Open311ApiKey.Hash(key);
            if (!cache.TryGetValue<Guid?>("open311-key:" + hash, out var client))
            {
                client = (await clients.FindAsync(key, http.RequestAborted))?.Id;
                cache.Set("open311-key:" + hash, client, Remembered);
            }
            if (client is { } id)
            {
                http.Items[ItemKey] = id;
            }
        }
        await next(http);
    }

    /// <summary>From the query, or from a form small enough to read before the guards (anything larger is refused there anyway).</summary>
    private static async Task<string?> KeyOfAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Query["api_key"].FirstOrDefault() is { Length: > 0 } fromQuery)
        {
            return fromQuery;
        }
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || request.ContentLength is not (> 0 and <= PublicGuards.MaxFormBytes))
        {
            return null;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = PublicGuards.MaxFormBytes;
        }
        try
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            return form["api_key"].FirstOrDefault();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            // A broken body: the guards refuse it with the right message; here it simply carries no key.
            return null;
        }
    }
}
