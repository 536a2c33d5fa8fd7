using Fengqiao.Core.JudicialAid;
using Microsoft.Extensions.Configuration;

namespace Fengqiao.Data.JudicialAid;

/// <summary>
/// The judicial-aid cap (司法救助金额上限), section <c>JudicialAid</c> of the settings. National guidance caps one case's
/// aid, in general, at 36 months of the local average monthly wage of employees in the previous year
/// (上一年度职工月平均工资); the procuratorate enters its province's figure each year when it is published.
/// </summary>
public sealed class JudicialAidSettings
{
    /// <summary>
    /// The default until a district enters its own figure: the national average annual wage of urban non-private units
    /// for 2024, 124,110 yuan (National Bureau of Statistics, May 2025), divided by 12. A national figure is the one
    /// every district can check; the province's own figure replaces it in <c>JudicialAid:MonthlyAverageWage</c>.
    /// </summary>
    public const decimal NationalMonthlyAverageWage2024 = 10_342.50m;

    /// <summary>Yuan per month; <c>JudicialAid:MonthlyAverageWage</c>.</summary>
    public decimal MonthlyAverageWage { get; set; } = NationalMonthlyAverageWage2024;

    /// <summary>How many months of that wage one case may receive; <c>JudicialAid:CapMonths</c>, 36 by the national guidance.</summary>
    public int CapMonths { get; set; } = JudicialAidPolicy.DefaultCapMonths;

    public JudicialAidPolicy ToPolicy() => JudicialAidPolicy.FromMonthlyAverageWage(MonthlyAverageWage, CapMonths);

    /// <summary>The policy the settings give; a wage that is not positive or months outside 1–120 stop the start with the rule's message.</summary>
    public static JudicialAidPolicy Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new JudicialAidSettings();
        configuration.GetSection("JudicialAid").Bind(settings);
        try
        {
            return settings.ToPolicy();
        }
        catch (JudicialAidRuleException ex)
        {
            throw new InvalidOperationException($"JudicialAid:MonthlyAverageWage / JudicialAid:CapMonths: {ex.Message}", ex);
        }
    }
}
