namespace Fengqiao.Core.Organisations;

/// <summary>What kind of body a unit is. Territorial governments and the non-territorial bodies attached to a level.</summary>
public enum UnitKind
{
    Government = 1,            // 区/县政府、街道办事处、镇政府
    VillageCommittee = 2,      // 村委会 / 居委会
    PetitionBureau = 3,        // 信访局
    JointMeetingOffice = 4,    // 信访联席办
    DisciplineCommission = 5,  // 纪委监委
    Department = 6,            // 职能部门（住建、人社、市场监管…）
    PoliceStation = 7,         // 派出所
    PoliceCommand = 8,         // 公安情指行中心
    Procuratorate = 9,         // 检察院
    JudicialOffice = 10,       // 司法所 / 司法局
    TaxOffice = 11,            // 税务所
    ResolutionCentre = 12,     // 矛盾纠纷多元化解中心 / 综治中心
}
