using Fengqiao.Testing;
using System.Net.Http.Headers;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Portal;

/// <summary>Helpers that drive the portal's plain HTML forms the way a browser without script does.</summary>
public static partial class PortalForms
{
    /// <summary>A real 1×1 PNG: the policy reads the signature, not the name.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static async Task<string> TokenAsync(HttpClient client, string path = "/portal/submit")
    {
        var page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        return FormSignIn.AntiforgeryToken(page);
    }

    public static MultipartFormDataContent Submission(string token, IDictionary<string, string> fields, params (string Name, byte[] Bytes)[] photos)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("portal-submit"), "_handler" },
        };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }
        foreach (var (name, bytes) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/octet-stream");
            content.Add(file, "photos", name);
        }
        return content;
    }

    public static Dictionary<string, string> ValidFields(string detail = "小区门口的路灯坏了两个星期，晚上出行不便，请尽快维修。") => new()
    {
        ["category"] = "0102",
        ["division"] = "370505001",
        ["address"] = "胜利路 18 号",
        ["title"] = "路灯不亮",
        ["detail"] = detail,
        ["name"] = "马建国",
        ["phone"] = "13912345678",
    };

    /// <summary>What a refused request may not leave behind.</summary>
    public static async Task<(int Cases, int Events, int Parties, int Attachments, int Residents, int Clients)> CountsAsync(FengqiaoWebFactory factory)
    {
        await using var db = factory.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        return (await db.Cases.IgnoreQueryFilters().CountAsync(ct), await db.CaseEvents.IgnoreQueryFilters().CountAsync(ct), await db.CaseParties.IgnoreQueryFilters().CountAsync(ct),
            await db.CaseAttachments.IgnoreQueryFilters().CountAsync(ct), await db.Residents.IgnoreQueryFilters().CountAsync(ct), await db.Open311Clients.CountAsync(ct));
    }
}
