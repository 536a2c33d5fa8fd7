using Fengqiao.Core.Cases;
using Fengqiao.Core.Open311;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;
using Fengqiao.Core.Places;
using Fengqiao.Core.Portal;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Open311;
using Fengqiao.Data.Places;
using Fengqiao.Data.Portal;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Api;

public sealed record IssueOpen311KeyRequest(string? Name, Guid? UnitId);

public sealed record Open311ClientDto(Guid Id, string Name, Guid UnitId, string IssuedBy, Instant IssuedAt, Instant? RevokedAt);

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2: services are the second level of the
/// matter taxonomy (事项分类), a posted request becomes an online case through the normal workflow, and a case is
/// "open" or "closed" by its lifecycle. Every resource answers in JSON or XML (".json"/".xml" or ?format=).
/// Only requests that came in through Open311 are listed, and personal data in their text is masked.
/// </summary>
public static class Open311Api
{
    public const string Jurisdiction = "fengqiao";
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>The CORS policy of the GET resources (origins from Open311:AllowedOrigins).</summary>
    public const string CorsPolicy = "open311";
    private static readonly string[] KnownAttributes = ["title", "urgent", "category"];

    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        // Open to any client, as GeoReport v2 is; posting needs an api_key, which the handlers check.
        var v2 = app.MapGroup("/open311/v2").ExcludeFromDescription().AllowAnonymous();
        Both(v2, "discovery", (HttpContext http) => DiscoveryAsync(http));
        app.MapGet("/open311/discovery.{format}", (HttpContext http) => DiscoveryAsync(http)).ExcludeFromDescription().AllowAnonymous().RequireCors(CorsPolicy);
        Both(v2, "services", (HttpContext http, Open311Desk desk) => ServicesAsync(http, desk));
        Both(v2, "services/{code}", (HttpContext http, string code, Open311Desk desk) => ServiceDefinitionAsync(http, code, desk));
        Both(v2, "requests", (HttpContext http, Open311Desk desk, IClock clock) => RequestsAsync(http, desk, clock, null));
        Both(v2, "requests/{id}", (HttpContext http, string id, Open311Desk desk, IClock clock) => RequestsAsync(http, desk, clock, id));
        Both(v2, "tokens/{token}", (HttpContext http, string token, Open311Desk desk) => TokenAsync(http, token, desk));
        // Literal paths, not "requests.{format}": routing takes a pattern segment for any "x.y" before checking the method,
        // so a POST to a GET-only resource (services.json) found no endpoint (404) instead of the 405 it is.
        v2.MapPost("/requests.json", PostRequestAsync);
        v2.MapPost("/requests.xml", PostRequestAsync);
        v2.MapPost("/requests", PostRequestAsync);

        // Keys are issued by an administrator and shown once; only their hashes are stored.
        var keys = app.MapGroup("/api/open311/clients").RequireAuthorization(Policies.Administrator).WithTags("Open311");
        keys.MapGet("/", async (Open311Clients clients, CancellationToken ct) =>
            TypedResults.Ok((await clients.ListAsync(ct)).Select(c => new Open311ClientDto(c.Id, c.Name, c.UnitId, c.IssuedBy, c.IssuedAt, c.RevokedAt))))
            .WithSummary("List the Open311 clients (never their keys)");
        keys.MapPost("/", async Task<Results<Created<IssuedOpen311Key>, ValidationProblem>> (IssueOpen311KeyRequest request, HttpContext http, Open311Clients clients, CancellationToken ct) =>
        {
            try
            {
                var issued = await clients.IssueAsync(request.Name, request.UnitId ?? Guid.Empty, http.User.Identity!.Name!, cancellationToken: ct);
                return TypedResults.Created($"/api/open311/clients/{issued.Id}", issued);
            }
            catch (ArgumentException ex)
            {
                var field = ex.ParamName == "unitId" ? nameof(request.UnitId) : nameof(request.Name);
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [BilingualText.Pick(ex.Message.Split(" (Parameter", 2)[0])] });
            }
        }).WithSummary("Issue an api_key for an Open311 client; the key is in this answer only");
        keys.MapPost("/{id:guid}/revoke", async Task<Results<NoContent, NotFound>> (Guid id, Open311Clients clients, CancellationToken ct) =>
            await clients.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Revoke an Open311 client's api_key");
    }

    private static void Both(RouteGroupBuilder group, string resource, Delegate handler)
    {
        group.MapGet("/" + resource + ".{format}", handler).RequireCors(CorsPolicy);
        group.MapGet("/" + resource, handler).RequireCors(CorsPolicy);
    }

    public static Task WriteErrorsAsync(HttpContext http, int status, IEnumerable<string> descriptions)
    {
        http.Response.StatusCode = status;
        var errors = descriptions.Select(d => (object?)new Open311Node().Add("code", status).Add("description", d)).ToList();
        return Open311Document.WriteAsync(http, Format(http) ?? "json", "errors", new Open311List("error", errors));
    }

    /// <summary>"json" or "xml" from the extension or ?format=; null for anything else.</summary>
    private static string? Format(HttpContext http)
    {
        // A path no route took (a 404 or 405) still names its format by its extension.
        var requested = (http.Request.RouteValues.TryGetValue("format", out var ext) ? ext as string : null) ?? http.Request.Query["format"].FirstOrDefault()
            ?? (http.Request.Path.Value?.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) == true ? "xml" : "json");
        return requested.ToLowerInvariant() switch
        {
            "json" => "json",
            "xml" => "xml",
            _ => null,
        };
    }

    /// <summary>Checks the format and the jurisdiction; writes the error and returns null when either is wrong.</summary>
    private static async Task<string?> PrepareAsync(HttpContext http, IFormCollection? form = null)
    {
        if (Format(http) is not { } format)
        {
            await WriteErrorsAsync(http, 400, [BilingualText.Pick("格式只能是 json 或 xml (the format must be json or xml)")]);
            return null;
        }
        var jurisdiction = form?["jurisdiction_id"].FirstOrDefault() ?? http.Request.Query["jurisdiction_id"].FirstOrDefault();
        if (!string.IsNullOrEmpty(jurisdiction) && jurisdiction != Jurisdiction)
        {
            await WriteErrorsAsync(http, 404, [BilingualText.Pick($"jurisdiction_id 无效，本服务为 {Jurisdiction} (unknown jurisdiction_id; this server serves {Jurisdiction})")]);
            return null;
        }
        return format;
    }

    private static async Task DiscoveryAsync(HttpContext http)
    {
        if (await PrepareAsync(http) is not { } format)
        {
            return;
        }
        var url = $"{http.Request.Scheme}://{http.Request.Host}/open311/v2";
        var endpoint = new Open311Node()
            .Add("specification", Specification)
            .Add("url", url)
            .Add("changeset", "2026-11-29T00:00:00+08:00")
            .Add("type", "production")
            .Add("formats", new Open311List("format", ["text/xml", "application/json"]));
        var discovery = new Open311Node()
            .Add("changeset", "2026-11-29T00:00:00+08:00")
            .Add("contact", BilingualText.Pick("平台管理员：所在区县信访局 (the platform's administrator at your district's petition bureau)"))
            .Add("key_service", BilingualText.Pick("api_key 由系统管理员签发 (api_keys are issued by the system administrator)"))
            .Add("endpoints", new Open311List("endpoint", [endpoint]));
        await Open311Document.WriteAsync(http, format, "discovery", discovery);
    }

    private static async Task ServicesAsync(HttpContext http, Open311Desk desk)
    {
        if (await PrepareAsync(http) is not { } format)
        {
            return;
        }
        var categories = await desk.CategoriesAsync(http.RequestAborted);
        var groups = categories.Where(c => c.Level == 1).ToDictionary(c => c.Code, c => c.Name);
        var services = categories.Where(c => c.Level == 2).OrderBy(c => c.Code).Select(c =>
        {
            var subjects = categories.Where(s => s.ParentCode == c.Code).OrderBy(s => s.Code).Select(s => s.Name).ToList();
            return (object?)new Open311Node()
                .Add("service_code", c.Code)
                .Add("service_name", c.Name)
                .Add("description", subjects.Count > 0 ? string.Join("、", subjects) : c.Name)
                .Add("metadata", true)
                .Add("type", "realtime")
                .Add("keywords", string.Join(",", subjects))
                .Add("group", groups.GetValueOrDefault(c.ParentCode ?? "", ""));
        }).ToList();
        await Open311Document.WriteAsync(http, format, "services", new Open311List("service", services));
    }

    private static async Task ServiceDefinitionAsync(HttpContext http, string code, Open311Desk desk)
    {
        if (await PrepareAsync(http) is not { } format)
        {
            return;
        }
        if (await desk.SubjectsAsync(code, http.RequestAborted) is not { } subjects)
        {
            await WriteErrorsAsync(http, 404, [BilingualText.Pick($"service_code {Shorten(code)} 不存在 (service_code {Shorten(code)} not found)")]);
            return;
        }
        static Open311Node Value(string key, string name) => new Open311Node().Add("key", key).Add("name", name);
        var attributes = new List<object?>
        {
            new Open311Node().Add("variable", true).Add("code", "category").Add("datatype", "singlevaluelist").Add("required", false)
                .Add("datatype_description", BilingualText.Pick("三级事项分类 (the third-level matter category)")).Add("order", 1)
                .Add("description", BilingualText.Pick("具体事项 (the specific matter)"))
                .Add("values", new Open311List("value", [.. subjects.Select(s => (object?)Value(s.Code, s.Name))])),
            new Open311Node().Add("variable", true).Add("code", "title").Add("datatype", "string").Add("required", false)
                .Add("datatype_description", BilingualText.Pick("不超过 200 字；缺省时取描述的第一句 (at most 200 characters; the first sentence of the description when left out)")).Add("order", 2)
                .Add("description", BilingualText.Pick("诉求标题 (a headline for the request)")),
            new Open311Node().Add("variable", true).Add("code", "urgent").Add("datatype", "singlevaluelist").Add("required", false)
                .Add("datatype_description", null).Add("order", 3)
                .Add("description", BilingualText.Pick("是否紧急 (is it urgent)"))
                .Add("values", new Open311List("value", [Value("no", BilingualText.Pick("否 (no)")), Value("yes", BilingualText.Pick("是 (yes)"))])),
        };
        await Open311Document.WriteAsync(http, format, "service_definition", new Open311Node().Add("service_code", code).Add("attributes", new Open311List("attribute", attributes)));
    }

    private static async Task PostRequestAsync(HttpContext http, Open311Clients clients, PublicIntake intake, PublicPlaces places, Open311Desk desk)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        if (await PrepareAsync(http, form) is not { } format)
        {
            return;
        }
        string? Field(string name) => form[name].FirstOrDefault() ?? null;
        var client = await clients.FindAsync(Field("api_key") ?? http.Request.Query["api_key"].FirstOrDefault(), http.RequestAborted);
        if (client is null)
        {
            await WriteErrorsAsync(http, 403, [BilingualText.Pick("api_key 缺失或无效 (api_key was not provided or is invalid)")]);
            return;
        }
        // The key proves the client's right to register on behalf of its unit; PublicIntake registers it for the public.

        var errors = new List<string>();
        var serviceCode = Field("service_code")?.Trim();
        if (string.IsNullOrEmpty(serviceCode))
        {
            errors.Add(BilingualText.Pick("缺少 service_code (service_code is required)"));
        }
        else if (await desk.SubjectsAsync(serviceCode, http.RequestAborted) is null)
        {
            errors.Add(BilingualText.Pick($"service_code {Shorten(serviceCode)} 不存在 (service_code {Shorten(serviceCode)} not found)"));
        }
        var attributes = new Dictionary<string, string>();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith("attribute[", StringComparison.Ordinal)))
        {
            var code = key.EndsWith(']') ? key[10..^1] : key;
            if (!KnownAttributes.Contains(code))
            {
                errors.Add(BilingualText.Pick($"未知属性 {Shorten(code)} (unknown attribute {Shorten(code)})"));
                continue;
            }
            attributes[code] = value.FirstOrDefault() ?? "";
        }
        var urgent = false;
        if (attributes.TryGetValue("urgent", out var urgentText))
        {
            if (urgentText is not ("yes" or "no"))
            {
                errors.Add(BilingualText.Pick("attribute[urgent] 只能是 yes 或 no (attribute[urgent] must be yes or no)"));
            }
            urgent = urgentText == "yes";
        }
        var category = serviceCode;
        if (attributes.TryGetValue("category", out var subject) && !string.IsNullOrEmpty(subject))
        {
            if (serviceCode is null || !await desk.IsSubjectOfAsync(subject, serviceCode, http.RequestAborted))
            {
                errors.Add(BilingualText.Pick($"attribute[category] {Shorten(subject)} 不属于该服务 (attribute[category] {Shorten(subject)} is not a value of this service)"));
            }
            category = subject;
        }
        if (!GeoPoint.TryParse(Field("lat"), Field("long"), out var point, out var pointErrors))
        {
            errors.AddRange(pointErrors.Select(e => $"{e.Field}: {BilingualText.Pick(e.Error)}"));
        }
        var description = Field("description");
        if (!Open311Description.Fits(description))
        {
            errors.Add(BilingualText.Pick($"description 不超过 {Open311Description.MaxLength} 字 (description is at most {Open311Description.MaxLength} characters)"));
        }
        var place = await PlaceAsync(Field("address_id"), Field("address_string"), point, pointErrors.Count > 0, client.UnitId, places, desk, errors, http.RequestAborted);
        var mediaUrl = Field("media_url")?.Trim();
        if (!string.IsNullOrEmpty(mediaUrl) && (mediaUrl.Length > 500 || !Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media) || media.Scheme is not ("http" or "https")))
        {
            errors.Add(BilingualText.Pick("media_url 须为 http(s) 地址 (media_url must be an http(s) URL)"));
        }
        var name = $"{Field("last_name")}{Field("first_name")}".Trim();
        if (errors.Count > 0)
        {
            await WriteErrorsAsync(http, 400, errors);
            return;
        }

        var token = Guid.NewGuid().ToString("N");
        // GeoReport v2 makes the description optional: without one (or a title), the headline is the matter's name.
        var title = attributes.GetValueOrDefault("title");
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
        {
            title = await desk.CategoryNameAsync(category!, http.RequestAborted);
        }
        var submission = new PublicSubmission(category, place?.DivisionCode, Field("address_string"), title, description,
            name, Field("phone"), urgent, [], Open311Desk.TokenPrefix + token, CaseChannel.AppOrVideo, client.UnitId,
            point, place?.IsEstimate ?? false, string.IsNullOrEmpty(mediaUrl) ? null : mediaUrl, PhoneOptional: true, DetailOptional: true);
        try
        {
            var result = await intake.SubmitAsync(submission, Open311Desk.ActorPrefix + client.Name, http.RequestAborted);
            var body = new Open311Node()
                .Add("service_request_id", result.Case.TrackingCode)
                .Add("token", token)
                .Add("service_notice", BilingualText.Pick($"查询码 {result.Case.QueryCode}，可在门户查询进度 (query code {result.Case.QueryCode} for tracking on the portal)"))
                .Add("account_id", null);
            await Open311Document.WriteAsync(http, format, "service_requests", new Open311List("request", [body]));
        }
        catch (CaseValidationException ex)
        {
            await WriteErrorsAsync(http, 400, ex.Errors.SelectMany(e => e.Value.Select(m => $"{ParameterOf(e.Key)}: {BilingualText.Pick(m)}")));
        }
        catch (CaseRuleException ex)
        {
            await WriteErrorsAsync(http, 400, [BilingualText.Pick(ex.Message)]);
        }
    }

    /// <summary>
    /// address_id (a GB/T 2260 code) wins; then address_string, which must name a served town or district; then the
    /// point alone, placed by <see cref="Open311Desk.PlacePointAsync"/> (an estimate until boundaries are known).
    /// </summary>
    private static async Task<PointPlace?> PlaceAsync(string? addressId, string? addressString, GeoPoint? point, bool pointRefused, Guid clientUnitId,
        PublicPlaces places, Open311Desk desk, List<string> errors, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(addressId))
        {
            if (!DivisionCode.TryParse(addressId, out var code, out _) || code.Level < DivisionLevel.County || !await desk.IsDivisionAsync(code.Value, ct))
            {
                errors.Add(BilingualText.Pick($"address_id {Shorten(addressId)} 不是已知的区县及以下区划代码 (address_id {Shorten(addressId)} is not a known district-or-lower division code)"));
                return null;
            }
            return new PointPlace(code.Value, IsEstimate: false);
        }
        if (!string.IsNullOrWhiteSpace(addressString))
        {
            if (!PublicText.TryCheck(addressString, 200, out var textError))
            {
                errors.Add("address_string: " + BilingualText.Pick(textError));
                return null;
            }
            if (await places.ResolveAsync(addressString, ct) is { } division)
            {
                return new PointPlace(division.Code, IsEstimate: false);
            }
            errors.Add(BilingualText.Pick("address_string 中没有可识别的区县或街道（镇）名称 (address_string names no district, street or town this server serves)"));
            return null;
        }
        if (point is { } at)
        {
            if (await desk.PlacePointAsync(at, clientUnitId, ct) is { } placed)
            {
                return placed;
            }
            errors.Add(BilingualText.Pick("无法确定该坐标所在区划，请提供 address_id 或 address_string (the point could not be placed in a division; give address_id or address_string)"));
            return null;
        }
        if (!pointRefused)
        {
            errors.Add(BilingualText.Pick("需要位置：lat 和 long、address_string 或 address_id (a location is required: lat and long, address_string or address_id)"));
        }
        return null;
    }

    private static string ParameterOf(string field) => field switch
    {
        "Title" => "attribute[title]",
        "Detail" => "description",
        "Phone" => "phone",
        "Name" => "first_name",
        "DivisionCode" => "address_id",
        "CategoryCode" => "attribute[category]",
        "Address" => "address_string",
        _ => field,
    };

    private static async Task RequestsAsync(HttpContext http, Open311Desk desk, IClock clock, string? id)
    {
        if (await PrepareAsync(http) is not { } format)
        {
            return;
        }
        var q = http.Request.Query;
        Open311RequestFilter filter;
        if (id is not null || !string.IsNullOrEmpty(q["service_request_id"]))
        {
            // By id, the other filters are ignored (the spec says so).
            var ids = (id ?? q["service_request_id"].ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(i => i.Length <= 32).Take(100).Select(i => i.ToUpperInvariant()).ToList();
            filter = new Open311RequestFilter(ids, default, default, [], []);
        }
        else
        {
            if (!Open311DateRange.TryParse(q["start_date"], q["end_date"], clock.GetCurrentInstant(), out var range, out var rangeError))
            {
                await WriteErrorsAsync(http, 400, [BilingualText.Pick(rangeError)]);
                return;
            }
            var statuses = new List<CaseState>();
            foreach (var part in q["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Open311Status.TryParse(part, out var status))
                {
                    await WriteErrorsAsync(http, 400, [BilingualText.Pick($"status 只能是 open 或 closed (status must be open or closed, not {Shorten(part)})")]);
                    return;
                }
                statuses.AddRange(Open311Status.StatesOf(status!));
            }
            var codes = q["service_code"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (codes.Any(c => c.Length != 4 || !c.All(char.IsAsciiDigit)))
            {
                await WriteErrorsAsync(http, 400, [BilingualText.Pick("service_code 须为四位事项分类代码 (service_code must be a four-digit category code)")]);
                return;
            }
            filter = new Open311RequestFilter(null, range.Start, range.End, statuses, codes);
        }
        var requests = await desk.RequestsAsync(filter, http.RequestAborted);
        if (id is not null && requests.Count == 0)
        {
            await WriteErrorsAsync(http, 404, [BilingualText.Pick($"service_request_id {Shorten(id)} 不存在 (service_request_id {Shorten(id)} not found)")]);
            return;
        }
        var items = requests.Select(r =>
        {
            var c = r.Case;
            return (object?)new Open311Node()
                .Add("service_request_id", c.TrackingCode)
                .Add("status", Open311Status.Of(c.State))
                .Add("status_notes", BilingualText.Pick($"{CaseNames.Chinese(c.State)} ({CaseNames.English(c.State)})"))
                .Add("service_name", r.ServiceName)
                .Add("service_code", c.CategoryCode is { Length: >= 4 } cat ? cat[..4] : null)
                .Add("description", Open311Description.Clip(PersonalDataMask.Redact(c.Detail ?? c.Title)))
                .Add("agency_responsible", r.Agency)
                .Add("service_notice", null)
                .Add("requested_datetime", c.RegisteredAt)
                .Add("updated_datetime", r.UpdatedAt)
                .Add("expected_datetime", c.DueAt)
                .Add("address", PersonalDataMask.Redact(c.Address))
                .Add("address_id", c.DivisionCode)
                .Add("zipcode", null)
                .Add("lat", c.Latitude)
                .Add("long", c.Longitude)
                .Add("media_url", c.MediaUrl);
        }).ToList();
        await Open311Document.WriteAsync(http, format, "service_requests", new Open311List("request", items));
    }

    private static async Task TokenAsync(HttpContext http, string token, Open311Desk desk)
    {
        if (await PrepareAsync(http) is not { } format)
        {
            return;
        }
        if (await desk.TrackingCodeOfTokenAsync(token, http.RequestAborted) is not { } code)
        {
            await WriteErrorsAsync(http, 404, [BilingualText.Pick($"token {Shorten(token)} 不存在 (token {Shorten(token)} not found)")]);
            return;
        }
        await Open311Document.WriteAsync(http, format, "service_requests", new Open311List("request", [new Open311Node().Add("service_request_id", code).Add("token", token)]));
    }

    /// <summary>Echoes at most 40 characters of what the caller sent, so a hostile 10 MB value is not sent back.</summary>
    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
