using System.Collections.Immutable;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Grid;

/// <summary>How serious a finding is; decides whether the case raised from it is urgent.</summary>
public enum FindingSeverity
{
    Minor = 1,   // 一般
    Serious = 2, // 较大
    Urgent = 3,  // 紧急（安全隐患、群体性苗头）
}

/// <summary>Something a grid member saw on a visit (巡查发现的问题).</summary>
public sealed record InspectionFinding(Guid Id, string Title, string Description, FindingSeverity Severity, string? CategoryCode = null);

/// <summary>
/// A grid member's record of one inspection visit (巡查记录), entered from a phone on the spot. The visit may
/// satisfy a planned visit; an unplanned one (a walk-in report, a tip-off) is just as valid.
/// </summary>
public sealed record InspectionVisit
{
    private InspectionVisit(Guid id, GridUnit grid, KeyPlace? place, string? plannedVisitId, string inspector, Instant at,
        string notes, ImmutableArray<InspectionFinding> findings, ImmutableArray<string> photos)
    {
        Id = id;
        Grid = grid;
        Place = place;
        PlannedVisitId = plannedVisitId;
        Inspector = inspector;
        At = at;
        Notes = notes;
        Findings = findings;
        Photos = photos;
    }

    public Guid Id { get; }

    public GridUnit Grid { get; }

    public KeyPlace? Place { get; }

    public string? PlannedVisitId { get; }

    public string Inspector { get; }

    public Instant At { get; }

    public string Notes { get; }

    public ImmutableArray<InspectionFinding> Findings { get; }

    /// <summary>Storage references of photos taken on the visit.</summary>
    public ImmutableArray<string> Photos { get; }

    public bool FoundNothing => Findings.IsEmpty;

    /// <summary>Records a visit by a member of the grid's own team.</summary>
    public static InspectionVisit Record(Guid id, GridUnit grid, KeyPlace? place, PlannedVisit? planned, string inspector, Instant at,
        string notes, IEnumerable<InspectionFinding>? findings = null, IEnumerable<string>? photos = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (id == Guid.Empty)
        {
            throw new GridRuleException("巡查记录编号不能为空 (a visit needs an id)");
        }
        if (!grid.Team.Members.Any(m => m.Id == inspector))
        {
            throw new GridRuleException($"{inspector} 不是网格 {grid.Code} 的成员，不能登记巡查 (only the grid's own team records its inspections)");
        }
        if (place is not null && place.GridCode != grid.Code)
        {
            throw new GridRuleException($"重点场所 {place.Name} 不属于网格 {grid.Code} (the key place belongs to another grid)");
        }
        if (planned is not null && (place is null || planned.Place.Id != place.Id))
        {
            throw new GridRuleException("计划巡查与所到场所不一致 (the planned visit is for another place)");
        }
        if (string.IsNullOrWhiteSpace(notes))
        {
            throw new GridRuleException("巡查情况不能为空 (describe what was inspected)");
        }
        var list = (findings ?? []).ToImmutableArray();
        foreach (var f in list)
        {
            if (f.Id == Guid.Empty || string.IsNullOrWhiteSpace(f.Title) || string.IsNullOrWhiteSpace(f.Description) || !Enum.IsDefined(f.Severity))
            {
                throw new GridRuleException("问题需有编号、标题、描述和等级 (a finding needs an id, a title, a description and a severity)");
            }
        }
        if (list.Select(f => f.Id).Distinct().Count() != list.Length)
        {
            throw new GridRuleException("问题编号重复 (two findings share an id)");
        }
        var photoList = (photos ?? []).ToImmutableArray();
        if (photoList.Any(string.IsNullOrWhiteSpace))
        {
            throw new GridRuleException("照片引用不能为空 (empty photo reference)");
        }
        return new InspectionVisit(id, grid, place, planned?.Id, inspector, at, notes.Trim(), list, photoList);
    }

    /// <summary>
    /// What registering a case for one finding needs (一键转办): the inspection channel, the village, a title and
    /// the link back to this visit. The registration itself stays with the cases module.
    /// </summary>
    public FindingCaseDraft RaiseCase(Guid findingId, CaseKind kind = CaseKind.Dispute)
    {
        var finding = Findings.FirstOrDefault(f => f.Id == findingId)
            ?? throw new GridRuleException($"本次巡查没有编号为 {findingId} 的问题 (no such finding on this visit)");
        var where = Place is null ? Grid.Name : $"{Grid.Name} · {Place.Name}";
        return new FindingCaseDraft(Id, finding.Id, Grid.Code, Place?.Id, Grid.Village, kind, $"[网格巡查] {where}：{finding.Title}",
            finding.Description, finding.CategoryCode, finding.Severity == FindingSeverity.Urgent, At, Inspector);
    }
}

/// <summary>A case to be registered from an inspection finding, linked back to the visit and the finding.</summary>
public sealed record FindingCaseDraft(
    Guid InspectionVisitId,
    Guid FindingId,
    string GridCode,
    string? KeyPlaceId,
    DivisionCode Division,
    CaseKind Kind,
    string Title,
    string Description,
    string? CategoryCode,
    bool Urgent,
    Instant FoundAt,
    string Inspector)
{
    public CaseChannel Channel => CaseChannel.GridInspection;

    /// <summary>The registration command; the case is registered when the member presses the button, not when the finding was made.</summary>
    public RegisterCase ToRegisterCase(Guid caseId, Instant registeredAt) =>
        new(caseId, Kind, Channel, CategoryCode, Urgent, registeredAt, Inspector);
}
