using Fengqiao.Core.Calendar;

namespace Fengqiao.Core.Whistles;

/// <summary>What an administrator sets for one level: each step's amount and unit (hours, working days, calendar days).</summary>
public sealed record WhistleLimitInput(int AcknowledgeAmount, SlaUnit AcknowledgeUnit, int ActAmount, SlaUnit ActUnit, int ReportAmount, SlaUnit ReportUnit);

/// <summary>The checks an edited set of per-level whistle limits must pass before it is stored.</summary>
public static class WhistleLimitRules
{
    /// <summary>
    /// A level's limits must be real periods (no months: a whistle is urgent by nature), and each step no longer than
    /// the one after it, because acting cannot be due before acknowledging, nor the report before acting.
    /// </summary>
    public static WhistleLimits Check(WhistleLevel level, WhistleLimitInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Enum.IsDefined(level))
        {
            throw new WhistleRuleException("未知的吹哨层级 (unknown whistle level)");
        }
        SlaPeriod Period(int amount, SlaUnit unit, string chinese, string english)
        {
            if (!Enum.IsDefined(unit) || unit == SlaUnit.Months)
            {
                throw new WhistleRuleException($"{chinese}的单位应为小时、工作日或自然日 (the {english} limit is in hours, working days or calendar days)");
            }
            try
            {
                return SlaPeriod.Create(amount, unit);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new WhistleRuleException($"{chinese}时限超出范围 (the {english} limit is out of range)");
            }
        }
        var ack = Period(input.AcknowledgeAmount, input.AcknowledgeUnit, "报到", "acknowledge");
        var act = Period(input.ActAmount, input.ActUnit, "到场处置", "act");
        var report = Period(input.ReportAmount, input.ReportUnit, "反馈结果", "report");
        if (Hours(ack) > Hours(act) || Hours(act) > Hours(report))
        {
            throw new WhistleRuleException("时限应逐步放宽：报到 ≤ 到场处置 ≤ 反馈结果 (limits must not shrink from acknowledging to acting to reporting)");
        }
        return new WhistleLimits(ack, act, report);
    }

    // A rough common measure for the ordering check only: a working day counts as a calendar day.
    private static int Hours(SlaPeriod p) => p.Unit == SlaUnit.Hours ? p.Amount : p.Amount * 24;
}
