using Fengqiao.Core.Suggestions;
using NodaTime;

namespace Fengqiao.Core.Tests.Suggestions;

public sealed class SuggestionRulesTests
{
    private static SuggestionDraft Draft(string? title = "增设充电桩", string? text = "小区楼道充电有火灾隐患，建议在门口建充电桩。", string? contact = null,
        string? town = "370505001", SuggesterKind kind = SuggesterKind.Resident) => new(title, text, contact, town, kind);

    [Fact]
    public void A_complete_draft_is_received() => Assert.Empty(SuggestionRules.Validate(Draft(contact: "13800138000")));

    [Fact]
    public void Each_missing_or_bad_field_is_named()
    {
        var errors = SuggestionRules.Validate(Draft(title: " ", text: "太短", town: "370505", kind: (SuggesterKind)9));
        Assert.Equal(["Kind", "Text", "Title", "TownCode"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values.SelectMany(v => v), m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.*\(.+\)$", m));
    }

    [Fact]
    public void Text_over_the_limit_and_markup_are_refused()
    {
        Assert.Contains("5000", SuggestionRules.Validate(Draft(text: new string('字', SuggestionRules.MaxText + 1)))["Text"][0], StringComparison.Ordinal);
        Assert.Empty(SuggestionRules.Validate(Draft(text: new string('字', SuggestionRules.MaxText))));
        Assert.True(SuggestionRules.Validate(Draft(title: "<script>alert(1)</script>")).ContainsKey("Title"));
        Assert.True(SuggestionRules.Validate(Draft(contact: new string('1', SuggestionRules.MaxContact + 1))).ContainsKey("Contact"));
    }

    [Theory]
    [InlineData(SuggestionState.Received, new[] { SuggestionAction.Reply, SuggestionAction.Adopt, SuggestionAction.Decline })]
    [InlineData(SuggestionState.Answered, new[] { SuggestionAction.Adopt, SuggestionAction.Decline })]
    [InlineData(SuggestionState.Adopted, new SuggestionAction[0])]
    [InlineData(SuggestionState.Declined, new SuggestionAction[0])]
    public void Offers_are_exactly_the_actions_without_a_refusal(SuggestionState state, SuggestionAction[] offered)
    {
        Assert.Equal(offered, SuggestionRules.Offers(state));
        foreach (var action in Enum.GetValues<SuggestionAction>())
        {
            Assert.Equal(offered.Contains(action), SuggestionRules.Refusal(state, action) is null);
        }
    }

    [Fact]
    public void An_answer_needs_its_text()
    {
        Assert.NotNull(SuggestionRules.AnswerError(SuggestionAction.Reply, " ", null));
        Assert.NotNull(SuggestionRules.AnswerError(SuggestionAction.Adopt, "采纳", null));
        Assert.Null(SuggestionRules.AnswerError(SuggestionAction.Adopt, "采纳", "已安装"));
        Assert.Contains("理由", SuggestionRules.AnswerError(SuggestionAction.Decline, null, null), StringComparison.Ordinal);
        Assert.NotNull(SuggestionRules.AnswerError(SuggestionAction.Reply, new string('字', SuggestionRules.MaxAnswer + 1), null));
        Assert.Equal(SuggestionState.Declined, SuggestionRules.After(SuggestionAction.Decline));
        Assert.False(SuggestionRules.IsPublic(SuggestionState.Received));
    }

    [Fact]
    public void Months_count_in_Beijing_time_newest_first()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        // 2026-10-31 17:00 UTC is already 1 November in Beijing.
        var lateOctoberUtc = Instant.FromUtc(2026, 10, 31, 17, 0);
        var months = SuggestionCounts.PerMonth(
        [
            (lateOctoberUtc, lateOctoberUtc + Duration.FromDays(3), true, lateOctoberUtc + Duration.FromDays(40)),
            (Instant.FromUtc(2026, 10, 10, 0, 0), null, false, null),
        ], zone);
        Assert.Equal([new SuggestionMonth(2026, 12, 0, 0, 1), new SuggestionMonth(2026, 11, 1, 1, 0), new SuggestionMonth(2026, 10, 1, 0, 0)], months);
    }
}
