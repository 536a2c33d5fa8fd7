using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Cases;

/// <summary>Issue 18's intake friction: an empty place is asked for as the clerk picks it; required fields carry a star.</summary>
public sealed class IntakeFrictionTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_without_a_place_asks_for_the_street_or_town_and_the_village_in_words()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var response = await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "路灯损坏", detail = "请求处理", divisionCode = "",
            parties = new[] { new { name = "赵大伟", phone = "13900001111", isRepresentative = false } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("请选择所在街道（乡镇）和村（社区）", errors.GetProperty("DivisionCode")[0].GetString());
    }

    [Fact]
    public async Task The_intake_form_marks_its_required_fields()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var page = await clerk.GetStringAsync("/cases/new", Ct);
        Assert.Contains("带 * 的为必填项", page, StringComparison.Ordinal);
        foreach (var label in new[] { "发生地（村/社区） *", "诉求事项 *", "姓名 *" })
        {
            Assert.Contains(label, page, StringComparison.Ordinal);
        }
    }
}
