namespace Fengqiao.Core.Cases;

/// <summary>Where a case came in. Decides, with kind and category, which deadline profile applies.</summary>
public enum CaseChannel
{
    Visit = 1,           // 来访
    Letter = 2,          // 来信
    OnlinePetition = 3,  // 网上信访
    Hotline12345 = 4,    // 12345 / 市长热线
    MediaExposure = 5,   // 媒体曝光
    OnlineLetter = 6,    // 网络投信
    GridInspection = 7,  // 网格巡查发现
    PetitionAgent = 8,   // 信访代理员代办
    Procuratorate12309 = 9, // 12309 检察服务
    AppOrVideo = 10,     // 移动端 / 视频信访
}
