using Fengqiao.Core.JudicialAid;
using Fengqiao.Data.JudicialAid;
using Microsoft.Extensions.Configuration;

namespace Fengqiao.Data.Tests.JudicialAid;

/// <summary>The cap comes from the JudicialAid settings: 36 months of the configured monthly wage, and nonsense stops the start.</summary>
public sealed class JudicialAidSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_settings_the_cap_is_36_months_of_the_national_2024_average_monthly_wage()
    {
        var policy = JudicialAidSettings.Read(Config());
        Assert.Equal(372_330.00m, policy.Cap); // 124,110 ÷ 12 × 36
        Assert.Equal(policy.Cap, JudicialAidDesk.DefaultPolicy.Cap);
    }

    [Fact]
    public void A_province_enters_its_own_wage_and_months_and_the_cap_follows()
    {
        var policy = JudicialAidSettings.Read(Config(("JudicialAid:MonthlyAverageWage", "9012.34"), ("JudicialAid:CapMonths", "24")));
        Assert.Equal(216_296.16m, policy.Cap);
        Assert.Contains("24 months", policy.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "36")]
    [InlineData("-5000", "36")]
    [InlineData("8000", "0")]
    [InlineData("8000", "121")]
    public void A_wage_that_is_not_positive_or_months_outside_1_to_120_stop_the_start_naming_the_setting(string wage, string months)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JudicialAidSettings.Read(Config(("JudicialAid:MonthlyAverageWage", wage), ("JudicialAid:CapMonths", months))));
        Assert.Contains("JudicialAid:MonthlyAverageWage", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JudicialAidRuleException>(ex.InnerException);
    }
}
