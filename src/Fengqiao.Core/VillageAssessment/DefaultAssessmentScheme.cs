namespace Fengqiao.Core.VillageAssessment;

/// <summary>
/// A sensible starting "双十" scheme: base 100, positive indicators worth up to 50 points, negative up to 76.
/// Negatives weigh more on purpose: one escalated or group petition should outweigh a month of lectures.
/// Weights and thresholds are platform defaults for a town to tune, not figures from any regulation.
/// </summary>
public static class DefaultAssessmentScheme
{
    public const decimal BaseScore = 100m;

    public static AssessmentScheme Scheme { get; } = AssessmentScheme.Create("“双十”村级考评（默认）", BaseScore,
    [
        Positive("P01", "矛盾纠纷村内化解率", 8, Rate(8, (0.95m, 8), (0.85m, 5), (0.70m, 2)), true,
            "本月在村内化解的矛盾纠纷 / 本月受理的矛盾纠纷 (disputes resolved in the village)"),
        Positive("P02", "零越级上访", 6, ScoringRule.Boolean(), true,
            "本月无越级上访、赴省进京访 (no petitions escalated past the town)"),
        Positive("P03", "调解协议履行率", 5, Rate(5, (1m, 5), (0.9m, 3), (0.75m, 1)), true,
            "回访确认已履行的调解协议 / 本月回访的调解协议 (mediation agreements honoured)"),
        Positive("P04", "信访事项按期办结率", 5, Rate(5, (0.98m, 5), (0.9m, 3), (0.8m, 1)), true,
            "按期办结件数 / 应办结件数 (petitions closed on time)"),
        Positive("P05", "群众满意率", 5, Rate(5, (0.95m, 5), (0.9m, 3), (0.8m, 1)), true,
            "评价满意、基本满意 / 参评件数 (residents satisfied with replies)"),
        Positive("P06", "网格巡查计划完成率", 5, Rate(0, (1m, 5), (0.9m, 3), (0.8m, 1)), true,
            "已完成的计划巡查 / 本月计划巡查 (planned grid inspections done)"),
        Positive("P07", "“六问”入户走访", 5, ScoringRule.Capped(ScoringRule.PerCount(0.1m), 4), true,
            "每走访一户 0.1 分，最多 4 分 (six-questions household visits)"),
        Positive("P08", "普法宣传活动", 3, ScoringRule.PerCount(1), true,
            "每开展一场 1 分 (legal-education outreach events)"),
        Positive("P09", "点单式服务开展", 3, ScoringRule.PerCount(1), true,
            "每完成一单 1 分 (service-menu orders held in the village)"),
        Positive("P10", "获上级表彰、典型经验推广", 5, ScoringRule.PerCount(2.5m), false,
            "每项 2.5 分，凭表彰文件 (commendations, with the document)"),
        Negative("N01", "矛盾纠纷未化解", 10, ScoringRule.PerCount(2), true,
            "月末仍未化解的矛盾纠纷，每件 2 分 (disputes still unresolved at month end)"),
        Negative("N02", "重复信访", 10, ScoringRule.PerCount(3), true,
            "同一人同一事项再次信访，每件 3 分 (repeat petitions)"),
        Negative("N03", "越级上访", 10, ScoringRule.PerCount(5), true,
            "越级到区以上上访，每件 5 分 (escalated petitions)"),
        Negative("N04", "集体访", 10, ScoringRule.PerCount(5), true,
            "五人以上集体访，每批 5 分 (group petitions)"),
        Negative("N05", "安全生产事故", 10, ScoringRule.PerCount(5), false,
            "发生安全事故，每起 5 分，凭事故报告 (safety incidents)"),
        Negative("N06", "刑事、治安案件", 5, ScoringRule.PerCount(1), false,
            "辖区发案，每起 1 分，凭派出所通报 (criminal and public-order cases)"),
        Negative("N07", "信访事项超期", 6, ScoringRule.PerCount(2), true,
            "超过办理期限的件数，每件 2 分 (overdue petitions)"),
        Negative("N08", "群众不满意", 5, ScoringRule.PerCount(1), true,
            "评价为不满意的件数，每件 1 分 (dissatisfied ratings)"),
        Negative("N09", "被发督办函、风险提示函", 6, ScoringRule.PerCount(2), true,
            "每份 2 分 (supervision or risk-alert letters received)"),
        Negative("N10", "负面舆情、媒体曝光", 4, ScoringRule.PerCount(2), true,
            "经核实的媒体曝光，每次 2 分 (verified media exposure)"),
    ]);

    private static Indicator Positive(string code, string name, decimal weight, ScoringRule rule, bool computable, string definition) =>
        Indicator.Create(code, name, IndicatorPolarity.Positive, weight, rule, computable, definition);

    private static Indicator Negative(string code, string name, decimal weight, ScoringRule rule, bool computable, string definition) =>
        Indicator.Create(code, name, IndicatorPolarity.Negative, weight, rule, computable, definition);

    // A village with nothing due earns the points unless the indicator is about work it was asked to plan.
    private static ScoringRule Rate(decimal whenNothingDue, params (decimal, decimal)[] steps) =>
        ScoringRule.RateThresholds(steps, whenNothingDue);
}
