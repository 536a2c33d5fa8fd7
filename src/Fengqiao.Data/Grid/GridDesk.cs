using Fengqiao.Core;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Grid;

/// <summary>A grid with its team shape, for lists.</summary>
public sealed record GridSummary(Guid Id, string Code, string Name, string VillageCode, string VillageName, string Shape, int Members, int KeyPlaces);

/// <summary>A town's grid figures ("全镇划分网格 26 个，配备网格员 547 名").</summary>
public sealed record TownGridFigures(string TownCode, string TownName, TownshipGridOverview Overview);

/// <summary>One planned visit of a grid member's day, with whether it was done.</summary>
public sealed record PlannedVisitItem(string Id, Guid KeyPlaceId, string PlaceName, KeyPlaceKind Kind, LocalDate Date, bool Done);

/// <summary>A finding as entered on the phone.</summary>
public sealed record NewFinding(string? Title, string? Description, FindingSeverity Severity, string? CategoryCode);

/// <summary>A visit as entered on the phone; <see cref="PlannedVisitId"/> ties it to the month's plan.</summary>
/// <summary>A visit as the member enters it; <paramref name="Point"/> is where the phone was, when the member shared it.</summary>
public sealed record NewInspectionVisit(string GridCode, Guid? KeyPlaceId, string? PlannedVisitId, string? Notes, IReadOnlyList<NewFinding> Findings,
    Core.Places.GeoPoint? Point = null);

/// <summary>A visit's pin on the grid map (巡查点位).</summary>
public sealed record VisitPin(Guid VisitId, string GridCode, string GridName, string? PlaceName, string InspectorName, Instant At, double Latitude, double Longitude, int Findings);

/// <summary>A grid a member serves on, by code and name, for the phone page's grid choice.</summary>
public sealed record MemberGrid(string Code, string Name);

/// <summary>What the phone visit page shows for one grid in a month: its key places, the plan, progress and the latest visits.</summary>
public sealed record VisitBoard(IReadOnlyList<KeyPlaceRecord> Places, IReadOnlyList<PlannedVisitItem> Plan, int Planned, int Done, IReadOnlyList<VisitView> Recent);

/// <summary>A recorded visit with its findings and the cases raised from them.</summary>
public sealed record VisitView(InspectionVisitRecord Visit, string GridCode, string? PlaceName, IReadOnlyList<InspectionFindingRecord> Findings);

/// <summary>
/// Grid governance on top of the database: the rules are Core's (<see cref="GridTeam"/>, <see cref="InspectionPlan"/>,
/// <see cref="InspectionVisit"/>); this class loads, checks through them, and stores. A refused action throws
/// <see cref="GridRuleException"/> and stores nothing.
/// </summary>
public sealed class GridDesk(FengqiaoDbContext db, CaseWorkflow cases, CaseRules rules, IClock clock)
{
    public const int MaxFindingsPerVisit = 10;

    public async Task<IReadOnlyList<GridSummary>> GridsAsync(string? villageOrTown = null, CancellationToken ct = default)
    {
        var query = db.Grids.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(villageOrTown))
        {
            query = query.Where(g => g.VillageCode.StartsWith(villageOrTown));
        }
        var rows = await query
            .OrderBy(g => g.Code)
            .Select(g => new
            {
                g.Id, g.Code, g.Name, g.VillageCode,
                Village = db.Divisions.Where(d => d.Code == g.VillageCode).Select(d => d.Name).FirstOrDefault(),
                Core = db.GridMembers.Count(m => m.GridId == g.Id && m.Role == GridRole.Core),
                Volunteers = db.GridMembers.Count(m => m.GridId == g.Id && m.Role == GridRole.Volunteer),
                Leaders = db.GridMembers.Count(m => m.GridId == g.Id && m.Role == GridRole.Leader),
                Places = db.KeyPlaces.Count(p => p.GridId == g.Id),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new GridSummary(r.Id, r.Code, r.Name, r.VillageCode, r.Village ?? r.VillageCode,
            $"{r.Leaders}+{r.Core}+{r.Volunteers}", r.Leaders + r.Core + r.Volunteers, r.Places))];
    }

    /// <summary>Per town in the caller's scope, the township overview computed by Core from the stored teams.</summary>
    public async Task<IReadOnlyList<TownGridFigures>> TownOverviewsAsync(CancellationToken ct = default)
    {
        var grids = await LoadUnitsAsync(null, ct);
        var towns = grids.GroupBy(g => g.Village.Value[..9]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var codes = towns.Select(t => t.Key).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return [.. towns.Select(t => new TownGridFigures(t.Key, names.GetValueOrDefault(t.Key, t.Key), TownshipGridOverview.Of(DivisionCode.Parse(t.Key), t)))];
    }

    /// <summary>The grids (Core form, with their teams) in the caller's scope, optionally of one grid code.</summary>
    /// <summary>Leaders' village activities (earliest first) and six-questions notes (newest first), each with its village's name.</summary>
    public async Task<(IReadOnlyList<(LeaderActivityRecord Activity, string Village)> Activities, IReadOnlyList<(SixQuestionsNoteRecord Note, string Village)> Notes)> LeaderWorkAsync(
        CancellationToken ct = default)
    {
        var activities = await db.LeaderActivities.AsNoTracking().OrderBy(a => a.Date).ThenBy(a => a.Kind).Take(200).ToListAsync(ct);
        var notes = await db.SixQuestionsNotes.AsNoTracking().OrderByDescending(n => n.Date).Take(100).ToListAsync(ct);
        var codes = activities.Select(a => a.VillageCode).Concat(notes.Select(n => n.VillageCode)).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return ([.. activities.Select(a => (a, names.GetValueOrDefault(a.VillageCode, a.VillageCode)))],
            [.. notes.Select(n => (n, names.GetValueOrDefault(n.VillageCode, n.VillageCode)))]);
    }

    public async Task<List<GridUnit>> LoadUnitsAsync(string? gridCode, CancellationToken ct = default)
    {
        var query = db.Grids.AsNoTracking();
        if (gridCode is not null)
        {
            query = query.Where(g => g.Code == gridCode);
        }
        var grids = await query.ToListAsync(ct);
        var ids = grids.Select(g => g.Id).ToList();
        var members = (await db.GridMembers.AsNoTracking().Where(m => ids.Contains(m.GridId)).ToListAsync(ct)).ToLookup(m => m.GridId);
        return [.. grids.Select(g => GridUnit.Create(g.Code, g.Name, DivisionCode.Parse(g.VillageCode),
            GridTeam.Create(members[g.Id].Select(m => new GridMember(m.MemberKey, m.Name, m.Role)))))];
    }

    /// <summary>The grids in which the account holds a post, with their names, so the phone page opens on the member's own grid.</summary>
    public async Task<List<MemberGrid>> MemberGridsAsync(string accountId, CancellationToken ct = default)
    {
        var grids = await db.Grids.AsNoTracking().Where(g => db.GridMembers.Any(m => m.GridId == g.Id && m.AccountId == accountId))
            .OrderBy(g => g.Code).Select(g => new { g.Code, g.Name }).ToListAsync(ct);
        return [.. grids.Select(g => new MemberGrid(g.Code, g.Name))];
    }

    /// <summary>
    /// The phone page's one read for a grid: the month's plan is made the first time a member opens the page in that
    /// month, then the grid's key places, the month's planned visits, progress and the latest visits.
    /// </summary>
    public async Task<VisitBoard> VisitBoardAsync(string gridCode, YearMonth month, int recent = 10, CancellationToken ct = default)
    {
        await GeneratePlanAsync(gridCode, month, ct);
        var places = await db.KeyPlaces.AsNoTracking().Where(p => db.Grids.Any(g => g.Id == p.GridId && g.Code == gridCode)).OrderBy(p => p.Code).ToListAsync(ct);
        var first = month.OnDayOfMonth(1);
        var plan = await PlannedVisitsAsync(gridCode, first, first.PlusMonths(1).PlusDays(-1), ct);
        var (planned, done) = await PlanProgressAsync(gridCode, month, ct);
        return new VisitBoard(places, plan, planned, done, await RecentVisitsAsync(gridCode, recent, ct));
    }

    /// <summary>
    /// Generates (once) the month's inspection plan of a grid from its key places, on the work calendar. Running it
    /// again for the same month adds nothing: the planned-visit ids are stable.
    /// </summary>
    public async Task<int> GeneratePlanAsync(string gridCode, YearMonth month, CancellationToken ct = default)
    {
        var grid = await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gridCode, ct)
            ?? throw new GridRuleException($"网格 {gridCode} 不存在或不在您的范围内 (no grid {gridCode} in your scope)");
        var key = month.Year * 100 + month.Month;
        if (await db.PlannedVisits.AnyAsync(v => v.GridId == grid.Id && v.Month == key, ct))
        {
            return 0;
        }
        var places = await db.KeyPlaces.AsNoTracking().Where(p => p.GridId == grid.Id).ToListAsync(ct);
        var byCode = places.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var plan = InspectionPlan.Generate(grid.Code, month, places.Select(p => new KeyPlace(p.Code, p.Name, p.Kind, grid.Code)),
            InspectionFrequencyPolicy.Default, rules.Calendar);
        db.PlannedVisits.AddRange(plan.Visits.Select(v => new PlannedVisitRecord
        {
            Id = v.Id, GridId = grid.Id, KeyPlaceId = byCode[v.Place.Id].Id, Month = key, Date = v.Date.ToDateOnly(), Frequency = v.Frequency,
        }));
        await db.SaveChangesAsync(ct);
        return plan.Visits.Length;
    }

    /// <summary>A grid's planned visits between two dates, each marked done when a recorded visit names it.</summary>
    public async Task<IReadOnlyList<PlannedVisitItem>> PlannedVisitsAsync(string gridCode, LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        var (start, end) = (from.ToDateOnly(), to.ToDateOnly());
        var rows = await db.PlannedVisits.AsNoTracking()
            .Where(v => db.Grids.Any(g => g.Id == v.GridId && g.Code == gridCode) && v.Date >= start && v.Date <= end)
            .Join(db.KeyPlaces, v => v.KeyPlaceId, p => p.Id, (v, p) => new { v.Id, v.KeyPlaceId, p.Name, p.Kind, v.Date })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var done = (await db.InspectionVisits.AsNoTracking().Where(v => v.PlannedVisitId != null && ids.Contains(v.PlannedVisitId))
            .Select(v => v.PlannedVisitId!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new PlannedVisitItem(r.Id, r.KeyPlaceId, r.Name, r.Kind, LocalDate.FromDateOnly(r.Date), done.Contains(r.Id)))];
    }

    /// <summary>Month progress of a grid's plan (Core's <see cref="InspectionPlan.Progress"/> counts over the stored rows).</summary>
    public async Task<(int Planned, int Done)> PlanProgressAsync(string gridCode, YearMonth month, CancellationToken ct = default)
    {
        var key = month.Year * 100 + month.Month;
        var planned = db.PlannedVisits.Where(v => v.Month == key && db.Grids.Any(g => g.Id == v.GridId && g.Code == gridCode));
        var total = await planned.CountAsync(ct);
        var done = await planned.CountAsync(p => db.InspectionVisits.Any(v => v.PlannedVisitId == p.Id), ct);
        return (total, done);
    }

    /// <summary>
    /// Records a visit by the signed-in member. Core decides whether it is valid (the member is on the grid's team,
    /// the place is the grid's, the planned visit is for that place, the notes and findings are complete).
    /// </summary>
    public async Task<VisitView> RecordVisitAsync(NewInspectionVisit request, string accountId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gridRow = await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == request.GridCode, ct)
            ?? throw new GridRuleException($"网格 {request.GridCode} 不存在或不在您的范围内 (no grid {request.GridCode} in your scope)");
        var grid = (await LoadUnitsAsync(gridRow.Code, ct)).Single();
        KeyPlaceRecord? placeRow = null;
        if (request.KeyPlaceId is { } placeId)
        {
            placeRow = await db.KeyPlaces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == placeId, ct)
                ?? throw new GridRuleException("重点场所不存在 (no such key place)");
        }
        var placeGrid = placeRow is null ? null : await db.Grids.AsNoTracking().Where(g => g.Id == placeRow.GridId).Select(g => g.Code).FirstAsync(ct);
        var place = placeRow is null ? null : new KeyPlace(placeRow.Code, placeRow.Name, placeRow.Kind, placeGrid!);
        PlannedVisit? planned = null;
        if (!string.IsNullOrWhiteSpace(request.PlannedVisitId))
        {
            var plannedRow = await db.PlannedVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == request.PlannedVisitId, ct)
                ?? throw new GridRuleException("计划巡查不存在 (no such planned visit)");
            var plannedPlace = await db.KeyPlaces.AsNoTracking().FirstAsync(p => p.Id == plannedRow.KeyPlaceId, ct);
            planned = new PlannedVisit(plannedRow.Id, new KeyPlace(plannedPlace.Code, plannedPlace.Name, plannedPlace.Kind, gridRow.Code),
                plannedRow.Frequency, LocalDate.FromDateOnly(plannedRow.Date));
            if (await db.InspectionVisits.AnyAsync(v => v.PlannedVisitId == plannedRow.Id, ct))
            {
                throw new GridRuleException("该计划巡查已登记过 (this planned visit is already recorded)");
            }
        }
        var findings = request.Findings ?? [];
        if (findings.Count > MaxFindingsPerVisit)
        {
            throw new GridRuleException($"一次巡查最多登记 {MaxFindingsPerVisit} 个问题 (at most {MaxFindingsPerVisit} findings per visit)");
        }
        if (findings.Any(f => f.Title is { Length: > 200 } || f.Description is { Length: > TextLimits.GridVisitText }) || request.Notes is { Length: > TextLimits.GridVisitText })
        {
            throw new GridRuleException($"标题不超过 200 字，描述和巡查情况不超过 {TextLimits.GridVisitText} 字 (titles at most 200, descriptions and notes at most {TextLimits.GridVisitText} characters)");
        }
        var now = clock.GetCurrentInstant();
        var visit = InspectionVisit.Record(Guid.CreateVersion7(), grid, place, planned, accountId, now, request.Notes ?? "",
            findings.Select(f => new InspectionFinding(Guid.CreateVersion7(), f.Title?.Trim() ?? "", f.Description?.Trim() ?? "", f.Severity, Blank(f.CategoryCode))));
        var inspectorName = await db.GridMembers.AsNoTracking().Where(m => m.GridId == gridRow.Id && m.AccountId == accountId).Select(m => m.Name).FirstAsync(ct);
        var record = new InspectionVisitRecord
        {
            Id = visit.Id, GridId = gridRow.Id, KeyPlaceId = placeRow?.Id, PlannedVisitId = visit.PlannedVisitId,
            Inspector = accountId, InspectorName = inspectorName, At = visit.At, Notes = visit.Notes,
            Latitude = request.Point?.Latitude, Longitude = request.Point?.Longitude,
        };
        db.InspectionVisits.Add(record);
        var findingRows = visit.Findings.Select(f => new InspectionFindingRecord
        {
            Id = f.Id, VisitId = visit.Id, Title = f.Title, Description = f.Description, Severity = f.Severity, CategoryCode = f.CategoryCode,
        }).ToList();
        db.InspectionFindings.AddRange(findingRows);
        await db.SaveChangesAsync(ct);
        return new VisitView(record, gridRow.Code, placeRow?.Name, findingRows);
    }

    public async Task<VisitView?> VisitAsync(Guid visitId, CancellationToken ct = default)
    {
        var visit = await db.InspectionVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return null;
        }
        var grid = await db.Grids.AsNoTracking().Where(g => g.Id == visit.GridId).Select(g => g.Code).FirstAsync(ct);
        var place = visit.KeyPlaceId is null ? null : await db.KeyPlaces.AsNoTracking().Where(p => p.Id == visit.KeyPlaceId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => f.VisitId == visitId).OrderBy(f => f.Id).ToListAsync(ct);
        return new VisitView(visit, grid, place, findings);
    }

    /// <summary>
    /// The pins of the visits in the caller's scope (the grids' query filter) since <paramref name="since"/>, newest first,
    /// and how many visits of that time carry no point.
    /// </summary>
    public async Task<(IReadOnlyList<VisitPin> Pins, int WithoutPoint)> VisitPinsAsync(Instant since, int take = 2000, CancellationToken ct = default)
    {
        var visits = db.InspectionVisits.AsNoTracking().Where(v => v.At >= since);
        var without = await visits.CountAsync(v => v.Latitude == null || v.Longitude == null, ct);
        var pins = await visits.Where(v => v.Latitude != null && v.Longitude != null)
            .OrderByDescending(v => v.At).Take(Math.Clamp(take, 1, 5000))
            .Select(v => new
            {
                v.Id, v.At, v.Latitude, v.Longitude, v.InspectorName,
                Grid = db.Grids.Where(g => g.Id == v.GridId).Select(g => new { g.Code, g.Name }).First(),
                Place = db.KeyPlaces.Where(p => p.Id == v.KeyPlaceId).Select(p => p.Name).FirstOrDefault(),
                Findings = db.InspectionFindings.Count(f => f.VisitId == v.Id),
            })
            .ToListAsync(ct);
        return ([.. pins.Select(p => new VisitPin(p.Id, p.Grid.Code, p.Grid.Name, p.Place, p.InspectorName, p.At, p.Latitude!.Value, p.Longitude!.Value, p.Findings))], without);
    }

    /// <summary>The latest visits in the caller's scope, newest first.</summary>
    public async Task<IReadOnlyList<VisitView>> RecentVisitsAsync(string? gridCode, int take, CancellationToken ct = default)
    {
        var query = db.InspectionVisits.AsNoTracking();
        if (gridCode is not null)
        {
            query = query.Where(v => db.Grids.Any(g => g.Id == v.GridId && g.Code == gridCode));
        }
        var ids = await query.OrderByDescending(v => v.At).Take(Math.Clamp(take, 1, 200)).Select(v => v.Id).ToListAsync(ct);
        var views = new List<VisitView>();
        foreach (var id in ids)
        {
            views.Add((await VisitAsync(id, ct))!);
        }
        return views;
    }

    /// <summary>
    /// Raises a case from a finding (一键转办) through the ordinary case workflow, on the grid-inspection channel,
    /// and links the finding to it. Pressing twice gives the same case (the finding's id is the idempotency key).
    /// The party is the person concerned when the member names one, otherwise the member who found it.
    /// </summary>
    public async Task<CaseRecord?> RaiseCaseAsync(Guid findingId, string accountId, Guid registeringUnitId, CaseKind kind,
        string? partyName, string? partyPhone, CancellationToken ct = default)
    {
        var finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null)
        {
            return null;
        }
        var view = (await VisitAsync(finding.VisitId, ct))!;
        var grid = (await LoadUnitsAsync(view.GridCode, ct)).Single();
        var place = view.Visit.KeyPlaceId is null ? null : await db.KeyPlaces.AsNoTracking().FirstAsync(p => p.Id == view.Visit.KeyPlaceId, ct);
        var visit = InspectionVisit.Record(view.Visit.Id, grid, place is null ? null : new KeyPlace(place.Code, place.Name, place.Kind, grid.Code),
            null, view.Visit.Inspector, view.Visit.At, view.Visit.Notes,
            view.Findings.Select(f => new InspectionFinding(f.Id, f.Title, f.Description, f.Severity, f.CategoryCode)));
        var draft = visit.RaiseCase(findingId, kind);
        var member = await db.GridMembers.AsNoTracking()
            .Where(m => db.Grids.Any(g => g.Id == m.GridId && g.Code == grid.Code) && m.AccountId == view.Visit.Inspector)
            .FirstOrDefaultAsync(ct);
        var name = string.IsNullOrWhiteSpace(partyName) ? member?.Name : partyName.Trim();
        var phone = string.IsNullOrWhiteSpace(partyName) ? member?.Phone : partyPhone;
        var request = new NewCase(draft.Kind, draft.Channel, draft.Title.Length > 200 ? draft.Title[..200] : draft.Title, draft.Description,
            draft.Division.Value, place?.Address ?? place?.Name, draft.CategoryCode, draft.Urgent, [new NewParty(name, null, phone, false)],
            null, registeringUnitId, accountId, null, $"grid-finding:{findingId}",
            Point: view.Visit.Latitude is { } lat && view.Visit.Longitude is { } lon ? new Core.Places.GeoPoint(lat, lon) : null);
        var result = await cases.RegisterAsync(request, accountId, ct);
        if (finding.CaseId != result.Case.Id)
        {
            finding.CaseId = result.Case.Id;
            finding.CaseTrackingCode = result.Case.TrackingCode;
            await db.SaveChangesAsync(ct);
        }
        return result.Case;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
