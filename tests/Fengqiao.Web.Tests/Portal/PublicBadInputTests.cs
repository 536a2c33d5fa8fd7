using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Portal;

/// <summary>
/// Fuzz-style: malformed, oversized (10 MB), wrongly encoded (invalid UTF-8) and hostile (script, SQL) payloads to
/// every public endpoint — the portal form, the tracking page and its rate/review posts, and Open311. Each must get a
/// 4xx with a readable message, the server must stay up, and nothing may be stored.
/// </summary>
public sealed class PublicBadInputTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Hostile =
    [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE \"Cases\"; --",
        "' OR '1'='1",
        "1; UPDATE Cases SET State=9 --",
        "javascript:alert(document.cookie)",
        "%00%27%22\u0000\u0001",
        new string('A', 70_000),
    ];

    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE];

    private sealed record Attempt(string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Send);

    private static IEnumerable<Attempt> Attempts()
    {
        const string Open311Post = "/open311/v2/requests.json";
        string[] formPosts = ["/portal/submit", "/query/rate", "/query/review", Open311Post];

        foreach (var path in formPosts)
        {
            yield return new($"{path}: 10 MB body", (c, _) => c.PostAsync(path, new ByteArrayContent(new byte[10 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, Ct));
            yield return new($"{path}: 10 MB multipart file", (c, token) => c.PostAsync(path, new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[10 * 1024 * 1024]), "photos", "big.png" },
            }, Ct));
            yield return new($"{path}: JSON instead of a form", (c, _) => c.PostAsync(path, new StringContent("{\"detail\": \"<script>\"", Encoding.UTF8, "application/json"), Ct));
            yield return new($"{path}: broken multipart", (c, _) => c.PostAsync(path, new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated")) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zzz") } }, Ct));
            yield return new($"{path}: multipart without boundary", (c, _) => c.PostAsync(path, new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data") } }, Ct));
            yield return new($"{path}: invalid UTF-8 raw bytes", (c, token) =>
            {
                var body = Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&_handler=portal-submit&detail=").Concat(InvalidUtf8).Concat(Encoding.ASCII.GetBytes("&phone=13900001111")).ToArray();
                return c.PostAsync(path, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, Ct);
            });
            yield return new($"{path}: invalid UTF-8 percent-encoded", (c, token) =>
                c.PostAsync(path, new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&_handler=portal-submit&detail=%C3%28%FF%FE&code=%FF", Encoding.ASCII, "application/x-www-form-urlencoded"), Ct));
            yield return new($"{path}: no antiforgery token, hostile fields", (c, _) => c.PostAsync(path, Form(("_handler", "portal-submit"), ("detail", Hostile[0]), ("code", Hostile[2]), ("rating", Hostile[3])), Ct));
        }

        foreach (var (payload, i) in Hostile.Select((p, i) => (p, i)))
        {
            yield return new($"portal form, hostile #{i} in every field", (c, token) => c.PostAsync("/portal/submit", Form(
                ("__RequestVerificationToken", token), ("_handler", "portal-submit"), ("category", payload), ("division", payload), ("address", payload),
                ("title", payload), ("detail", payload), ("name", payload), ("phone", payload)), Ct));
            yield return new($"tracking page, hostile #{i}", (c, _) => c.GetAsync($"/portal/track?code={Uri.EscapeDataString(payload[..Math.Min(payload.Length, 2000)])}&key={Uri.EscapeDataString(payload[..Math.Min(payload.Length, 100)])}", Ct));
            yield return new($"/query, hostile #{i}", (c, _) => c.GetAsync($"/query?code={Uri.EscapeDataString(payload[..Math.Min(payload.Length, 2000)])}&key=ABCDEFGH", Ct));
            yield return new($"/query/rate, hostile #{i}", (c, token) => c.PostAsync("/query/rate", Form(("__RequestVerificationToken", token), ("code", payload), ("key", payload), ("version", "1"), ("rating", payload)), Ct));
            yield return new($"/query/review, hostile #{i}", (c, token) => c.PostAsync("/query/review", Form(("__RequestVerificationToken", token), ("code", payload), ("key", payload), ("version", "5"), ("grounds", payload)), Ct));
            yield return new($"Open311 POST without key, hostile #{i}", (c, _) => c.PostAsync(Open311Post, Form(("api_key", payload), ("service_code", payload), ("description", payload), ("address_string", payload)), Ct));
            yield return new($"Open311 GET, hostile #{i}", (c, _) => c.GetAsync($"/open311/v2/requests.json?status={Uri.EscapeDataString(payload[..Math.Min(payload.Length, 2000)])}&start_date={Uri.EscapeDataString(payload[..Math.Min(payload.Length, 100)])}", Ct));
            yield return new($"Open311 service definition, hostile #{i}", (c, _) => c.GetAsync($"/open311/v2/services/{Uri.EscapeDataString(PathSafe(payload))}.xml", Ct));
        }
    }

    /// <summary>A NUL in a path is refused by the HTTP layer before any endpoint (the test host throws instead); keep the rest.</summary>
    private static string PathSafe(string payload) => new([.. payload.Where(c => c >= ' ').Take(1000)]);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task Every_bad_payload_gets_a_4xx_with_a_message_the_server_stays_up_and_nothing_is_stored()
    {
        var client = factory.Anonymous();
        var token = await PortalForms.TokenAsync(client);
        var before = await PortalForms.CountsAsync(factory);
        var failures = new List<string>();
        var count = 0;
        foreach (var attempt in Attempts())
        {
            count++;
            HttpResponseMessage response;
            try
            {
                response = await attempt.Send(client, token);
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{attempt.Name}: no answer ({ex.Message})");
                continue;
            }
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (status is < 400 or >= 500)
            {
                failures.Add($"{attempt.Name}: {status}");
            }
            else if (string.IsNullOrWhiteSpace(body))
            {
                failures.Add($"{attempt.Name}: {status} without a message");
            }
            else if (body.Contains("<script>alert", StringComparison.Ordinal) || body.Contains("<img src=x", StringComparison.Ordinal))
            {
                failures.Add($"{attempt.Name}: the payload came back unencoded");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} attempts misbehaved:\n" + string.Join("\n", failures));
        Assert.True(count > 80, $"only {count} attempts");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(before, await PortalForms.CountsAsync(factory));
    }
}
