using Fengqiao.Core.Calendar;
using Fengqiao.Core.Whistles;

namespace Fengqiao.Core.Tests.Whistles;

public class WhistleLimitRulesTests
{
    [Fact]
    public void The_documented_defaults_pass_the_checks()
    {
        foreach (var (level, l) in WhistlePolicy.DefaultLimits)
        {
            var input = new WhistleLimitInput(l.Acknowledge.Amount, l.Acknowledge.Unit, l.Act.Amount, l.Act.Unit, l.Report.Amount, l.Report.Unit);
            Assert.Equal(l, WhistleLimitRules.Check(level, input));
        }
    }

    [Theory]
    [InlineData(0, SlaUnit.Hours, 2, SlaUnit.WorkingDays, 5, SlaUnit.WorkingDays)]       // zero
    [InlineData(12, SlaUnit.Hours, 1, SlaUnit.Months, 5, SlaUnit.WorkingDays)]          // months
    [InlineData(12, SlaUnit.Hours, 5, SlaUnit.WorkingDays, 2, SlaUnit.WorkingDays)]     // report before acting
    [InlineData(72, SlaUnit.Hours, 1, SlaUnit.WorkingDays, 3, SlaUnit.WorkingDays)]     // acknowledge after acting
    [InlineData(12, SlaUnit.Hours, 2, SlaUnit.WorkingDays, 9999, SlaUnit.WorkingDays)]  // out of range
    [InlineData(12, (SlaUnit)99, 2, SlaUnit.WorkingDays, 5, SlaUnit.WorkingDays)]       // unknown unit
    public void Bad_limits_are_refused(int a, SlaUnit au, int b, SlaUnit bu, int c, SlaUnit cu) =>
        Assert.Throws<WhistleRuleException>(() => WhistleLimitRules.Check(WhistleLevel.Street, new WhistleLimitInput(a, au, b, bu, c, cu)));

    [Fact]
    public void An_unknown_level_is_refused() =>
        Assert.Throws<WhistleRuleException>(() => WhistleLimitRules.Check((WhistleLevel)42, new WhistleLimitInput(1, SlaUnit.Hours, 1, SlaUnit.WorkingDays, 2, SlaUnit.WorkingDays)));
}
