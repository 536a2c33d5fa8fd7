using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>
/// The default time-limit profiles. Periods follow the regulations; warning thresholds and the rating window are
/// platform defaults that an administrator is expected to tune (they are not set by any regulation).
/// </summary>
public static class SlaProfileCatalog
{
    public const string PetitionCode = "petition";
    public const string ProcuratorateCode = "procuratorate-12309";
    public const string HotlineCode = "hotline-12345";

    private const string PetitionBasis = "信访工作条例（2022）/ 信访条例（2005）";
    private const string ProcuratorateBasis = "人民检察院信访工作规定：七日内程序性回复，三个月内办理过程或结果答复";
    private const string PlatformDefault = "平台默认值，可配置 (platform default, configurable)";

    private static readonly DueSoonThreshold DaysWarning = DueSoonThreshold.Create(workingDaysLeft: 3, percentLeft: 20);

    /// <summary>
    /// 信访: notice of acceptance within 15 days of receipt; handling within 60 days of acceptance, extendable once
    /// by at most 30 days with the reason told to the petitioner; review request within 30 days of the reply and
    /// review opinion within 30 days of the request; re-review the same. Periods are calendar days that roll off
    /// holidays.
    /// </summary>
    public static SlaProfile Petition { get; } = SlaProfile.Create(
        PetitionCode,
        "信访事项（信访工作条例）",
        [
            Days(SlaStage.AcceptanceNotice, 15, DaysWarning, PetitionBasis),
            Days(SlaStage.Handling, 60, DueSoonThreshold.Create(workingDaysLeft: 5, percentLeft: 15), PetitionBasis),
            Days(SlaStage.Extension, 30, DueSoonThreshold.Create(workingDaysLeft: 5, percentLeft: 20), PetitionBasis),
            Days(SlaStage.ReviewRequest, 30, DueSoonThreshold.None, PetitionBasis),
            Days(SlaStage.ReviewOpinion, 30, DaysWarning, PetitionBasis),
            Days(SlaStage.ReReviewRequest, 30, DueSoonThreshold.None, PetitionBasis),
            Days(SlaStage.ReReviewOpinion, 30, DaysWarning, PetitionBasis),
            Days(SlaStage.RatingWindow, 30, DueSoonThreshold.None, PlatformDefault),
        ],
        intakeStage: SlaStage.AcceptanceNotice,
        handlingStage: SlaStage.Handling);

    /// <summary>12309 检察服务: procedural reply within 7 days, process or result within 3 months, both from receipt.</summary>
    public static SlaProfile Procuratorate { get; } = SlaProfile.Create(
        ProcuratorateCode,
        "检察信访（12309）",
        [
            Days(SlaStage.ProceduralReply, 7, DueSoonThreshold.Create(workingDaysLeft: 2, percentLeft: 30), ProcuratorateBasis),
            new StageRule(SlaStage.Result, SlaPeriod.Months(3), DueSoonThreshold.Create(workingDaysLeft: 10, percentLeft: 15), true, ProcuratorateBasis),
            Days(SlaStage.RatingWindow, 30, DueSoonThreshold.None, PlatformDefault),
        ],
        intakeStage: SlaStage.ProceduralReply,
        handlingStage: SlaStage.Result,
        handlingCountsFromRegistration: true);

    /// <summary>12345 hotline: urgent requests within 2 hours around the clock, ordinary ones within 3 working days.</summary>
    public static SlaProfile Hotline { get; } = SlaProfile.Create(
        HotlineCode,
        "12345 政务服务便民热线",
        [
            new StageRule(SlaStage.UrgentResponse, SlaPeriod.Hours(2), DueSoonThreshold.Create(percentLeft: 25, timeLeft: Duration.FromMinutes(30)), false, PlatformDefault),
            new StageRule(SlaStage.Response, SlaPeriod.WorkingDays(3), DueSoonThreshold.Create(workingDaysLeft: 1), true, PlatformDefault),
            Days(SlaStage.RatingWindow, 7, DueSoonThreshold.None, PlatformDefault),
        ],
        intakeStage: null,
        handlingStage: SlaStage.Response,
        urgentHandlingStage: SlaStage.UrgentResponse,
        handlingCountsFromRegistration: true);

    public static IReadOnlyList<SlaProfile> All { get; } = [Petition, Procuratorate, Hotline];

    /// <summary>12309 cases take the procuratorate profile, 12345 cases the hotline profile, everything else the petition one.</summary>
    public static SlaProfileSelector DefaultSelector { get; } = new(
        All,
        [
            new SlaSelectionRule(ProcuratorateCode, Channel: CaseChannel.Procuratorate12309),
            new SlaSelectionRule(HotlineCode, Channel: CaseChannel.Hotline12345),
        ],
        PetitionCode);

    private static StageRule Days(SlaStage stage, int days, DueSoonThreshold warning, string basis) =>
        new(stage, SlaPeriod.CalendarDays(days), warning, rollsToWorkingDay: true, basis);
}
