using Fengqiao.Core.Mediation;
using NodaTime;

namespace Fengqiao.Core.Tests.Mediation;

/// <summary>The warnings before the one-month limit: due soon five days before the last day, overdue the day after it, only while mediating.</summary>
public sealed class MediationLimitTests
{
    private static readonly LocalDate Limit = new(2026, 4, 4);

    // Noon in Beijing on the given date.
    private static Instant On(int month, int day, int hour = 12) =>
        new LocalDateTime(2026, month, day, hour, 0).InZoneStrictly(Core.Mediation.Mediation.Zone).ToInstant();

    [Theory]
    [InlineData(3, 29, MediationLimitStatus.OnTrack)]
    [InlineData(3, 30, MediationLimitStatus.DueSoon)]
    [InlineData(4, 4, MediationLimitStatus.DueSoon)]
    [InlineData(4, 5, MediationLimitStatus.Overdue)]
    public void A_mediation_in_progress_is_due_soon_five_days_before_its_last_day_and_overdue_after_it(int month, int day, MediationLimitStatus expected) =>
        Assert.Equal(expected, MediationLimit.At(MediationState.InMediation, Limit, On(month, day)));

    [Fact]
    public void The_days_are_Beijing_dates_so_late_evening_UTC_already_counts_as_the_next_day()
    {
        // 4 April 17:00 UTC is 5 April 01:00 in Beijing: the limit has passed.
        var lateUtc = Instant.FromUtc(2026, 4, 4, 17, 0);
        Assert.Equal(MediationLimitStatus.Overdue, MediationLimit.At(MediationState.InMediation, Limit, lateUtc));
        Assert.Equal(MediationLimitStatus.DueSoon, MediationLimit.At(MediationState.InMediation, Limit, Instant.FromUtc(2026, 4, 4, 15, 59)));
    }

    [Theory]
    [InlineData(MediationState.Applied)]
    [InlineData(MediationState.AwaitingConsent)]
    [InlineData(MediationState.AgreementDrafted)]
    [InlineData(MediationState.Agreed)]
    [InlineData(MediationState.Failed)]
    public void Only_a_mediation_in_progress_runs_against_the_limit(MediationState state) =>
        Assert.Equal(MediationLimitStatus.OnTrack, MediationLimit.At(state, Limit, On(5, 1)));

    [Fact]
    public void An_extension_both_parties_agreed_moves_the_last_day_and_clears_the_warning()
    {
        var started = MediationFixture.InMediation();
        var near = started.LimitDate!.Value.PlusDays(-2).AtStartOfDayInZone(Core.Mediation.Mediation.Zone).ToInstant() + Duration.FromHours(9);
        Assert.Equal(MediationLimitStatus.DueSoon, MediationLimit.At(started.State, started.LimitDate, near));
        var extended = started.Extend(MediationFixture.Staff, near, 15, true, "双方当庭同意延长十五日");
        Assert.Equal(MediationLimitStatus.OnTrack, MediationLimit.At(extended.State, extended.LimitDate, near));
        // Fifteen days on from the old last day: the new limit is warned five days before it, not before.
        Assert.Equal(started.LimitDate.Value.PlusDays(15), extended.LimitDate);
        Assert.Equal(MediationLimitStatus.DueSoon, MediationLimit.At(extended.State, extended.LimitDate, near + Duration.FromDays(12)));
    }
}

/// <summary>The online application's rules: one choice, names and matter within their limits, an 11-digit mobile.</summary>
public sealed class MediationApplicationTests
{
    private static MediationApplicationDraft Good(string? choice = null, string? phone = "13912345678", string? matter = "邻居装修噪音每天持续到深夜，多次协商无果。") =>
        new(choice ?? $"room:{Guid.NewGuid()}", "张三", phone, "李四", DisputeKind.Neighbour, matter);

    [Fact]
    public void A_complete_application_passes_and_each_choice_kind_is_read()
    {
        Assert.Empty(MediationApplication.Validate(Good()));
        var id = Guid.NewGuid();
        Assert.True(MediationApplication.TryParseChoice($"mediator:{id}", out var target, out var parsed));
        Assert.Equal((ApplicationTarget.Mediator, id), (target, parsed));
        Assert.True(MediationApplication.TryParseChoice($"committee:{id}", out target, out _));
        Assert.Equal(ApplicationTarget.Committee, target);
        Assert.False(MediationApplication.TryParseChoice($"court:{id}", out _, out _));
        Assert.False(MediationApplication.TryParseChoice("room:", out _, out _));
        Assert.False(MediationApplication.TryParseChoice(null, out _, out _));
    }

    [Fact]
    public void Every_problem_is_named_by_its_field()
    {
        var errors = MediationApplication.Validate(new MediationApplicationDraft("x", " ", "010-1234567", new string('李', MediationApplication.MaxName + 1), (DisputeKind)1234,
            new string('吵', MediationApplication.MaxMatter + 1)));
        Assert.Equal(["Applicant", "Choice", "Kind", "Matter", "Phone", "Respondent"], errors.Keys.Order());
        Assert.Contains($"现有 {MediationApplication.MaxMatter + 1} 字", errors["Matter"][0], StringComparison.Ordinal);
        Assert.Contains("至少", MediationApplication.Validate(Good(matter: "吵架"))["Matter"][0], StringComparison.Ordinal);
    }
}
