namespace Fengqiao.Core.ServiceMenu;

/// <summary>The sector a provider works in. A 民法典 talk is the work of the judicial administration and lawyers, not a procuratorate's.</summary>
public enum ProviderSector
{
    Other = 0,
    JudicialAdministration = 1, // 司法局、司法所、普法讲师团
    LawFirm = 2,                // 律师事务所
    LegalAid = 3,               // 法律援助中心
    Mediation = 4,              // 人民调解委员会
    Procuratorate = 5,          // 人民检察院
    Court = 6,                  // 人民法院
    Police = 7,                 // 公安
    Tax = 8,                    // 税务
    Psychology = 9,             // 心理服务
}

/// <summary>
/// Which sector a provider's organisation is, from its official name (Chinese unit names end in what they are: 司法所,
/// 律师事务所, 人民检察院 …), and which sectors a kind of service belongs to (its home sectors).
/// </summary>
public static class ProviderSectors
{
    // Checked in order: the more specific name first (法律援助中心 before 司法局, 人民调解委员会 before 司法所).
    private static readonly (string Marker, ProviderSector Sector)[] Markers =
    [
        ("法律援助", ProviderSector.LegalAid),
        ("调解", ProviderSector.Mediation),
        ("检察", ProviderSector.Procuratorate),
        ("法院", ProviderSector.Court),
        ("律师", ProviderSector.LawFirm),
        ("律所", ProviderSector.LawFirm),
        ("司法", ProviderSector.JudicialAdministration),
        ("普法", ProviderSector.JudicialAdministration),
        ("公安", ProviderSector.Police),
        ("派出所", ProviderSector.Police),
        ("税务", ProviderSector.Tax),
        ("心理", ProviderSector.Psychology),
    ];

    public static ProviderSector Of(string organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        foreach (var (marker, sector) in Markers)
        {
            if (organisation.Contains(marker, StringComparison.Ordinal))
            {
                return sector;
            }
        }
        return ProviderSector.Other;
    }

    /// <summary>Whether a kind of service is the sector's own work; other sectors may deliver it when none of these can.</summary>
    public static bool IsHome(ServiceKind kind, ProviderSector sector) => kind switch
    {
        ServiceKind.LegalLecture or ServiceKind.LegalConsultation =>
            sector is ProviderSector.JudicialAdministration or ProviderSector.LawFirm or ProviderSector.LegalAid,
        ServiceKind.Mediation => sector is ProviderSector.Mediation or ProviderSector.JudicialAdministration,
        ServiceKind.LegalAidApplication => sector is ProviderSector.LegalAid or ProviderSector.JudicialAdministration,
        ServiceKind.CaseFilingGuidance => sector is ProviderSector.Court or ProviderSector.LawFirm,
        ServiceKind.TaxPolicyTutoring => sector == ProviderSector.Tax,
        ServiceKind.PsychologicalConsultation => sector == ProviderSector.Psychology,
        _ => false,
    };
}
