namespace Fengqiao.Core.Whistles;

/// <summary>Chinese and English names for messages and screens.</summary>
public static class WhistleNames
{
    public static string Chinese(WhistleLevel level) => level switch
    {
        WhistleLevel.Community => "社区（村）",
        WhistleLevel.Street => "街道（镇）",
        WhistleLevel.JointMeetingOffice => "区信访联席办",
        WhistleLevel.DistrictLeader => "区领导",
        _ => level.ToString(),
    };

    public static string Chinese(WhistleStep step) => step switch
    {
        WhistleStep.Acknowledge => "报到",
        WhistleStep.Act => "处置",
        WhistleStep.Report => "反馈结果",
        _ => step.ToString(),
    };

    public static string Chinese(WhistleSource source) => source switch
    {
        WhistleSource.ResidentRequest => "群众诉求",
        WhistleSource.MayorHotline => "市长热线",
        WhistleSource.MediaExposure => "媒体曝光",
        WhistleSource.OnlineLetter => "网络投信",
        _ => source.ToString(),
    };
}
