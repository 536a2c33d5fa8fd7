using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

public sealed class AttachmentsApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    // The smallest valid PNG: a 1×1 transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static MultipartFormDataContent Form(byte[] bytes, string name, string claimedType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private async Task<string> KenliCaseAsync()
    {
        await using var db = factory.Database.Context();
        return await db.Cases.Where(c => c.DivisionCode.StartsWith("370505")).OrderBy(c => c.TrackingCode).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_photo_is_stored_listed_downloaded_byte_for_byte_and_chained()
    {
        var code = await KenliCaseAsync();
        var clerk = await factory.SignedInAsync("clerk");

        var created = await clerk.PostAsync($"/api/cases/{code}/attachments", Form(Png, "现场照片.png", "image/png"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        var list = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/attachments", TestContext.Current.CancellationToken);
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("fileName").GetString() == "现场照片.png");
        var bytes = await clerk.GetByteArrayAsync($"/api/cases/{code}/attachments/{dto.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
        Assert.Equal(Png, bytes);

        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}", TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("firstBrokenLink").ValueKind);
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "note.attachment-added");
    }

    [Fact]
    public async Task A_disguised_executable_is_refused_and_nothing_is_stored()
    {
        var code = await KenliCaseAsync();
        var clerk = await factory.SignedInAsync("clerk");
        await using var db = factory.Database.Context();
        var before = await db.CaseAttachments.CountAsync(TestContext.Current.CancellationToken);

        var response = await clerk.PostAsync($"/api/cases/{code}/attachments", Form([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0], "photo.jpg", "image/jpeg"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(before, await db.CaseAttachments.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Files_of_a_case_outside_the_scope_can_be_neither_added_nor_read()
    {
        var code = await KenliCaseAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsync($"/api/cases/{code}/attachments", Form(Png, "a.png", "image/png"), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.PostAsync($"/api/cases/{code}/attachments", Form(Png, "b.png", "image/png"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync($"/api/cases/{code}/attachments/{created.GetProperty("id").GetString()}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
