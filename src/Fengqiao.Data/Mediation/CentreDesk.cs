using Fengqiao.Core.Mediation;
using Fengqiao.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>The caller sees the centre but is not on its staff: only they keep its rota and receive residents.</summary>
public sealed class NotCentreStaffException() : Exception("只有中心的工作人员可以编排轮值和接待登记 (only the centre's staff keep its rota and receive residents)");

public sealed record CentreSummary(Guid Id, string Name, string Division, string? Address);

/// <summary>A unit on a day's list: its name, window, how it is stationed and what it handles.</summary>
public sealed record OnDutyUnit(Guid StationId, string UnitName, StationingKind Kind, string? Window, string? Services);

/// <summary>A rota row as the calendar shows it.</summary>
public sealed record RotaDay(Guid Id, Guid StationId, string UnitName, StationingKind Kind, LocalDate Date, string Window);

/// <summary>What a resident may choose between: committees, their named rooms and mediators (those the caller sees).</summary>
public sealed record ChoiceItem(Guid Id, Guid CommitteeId, string Name);

public sealed record CommitteeChoice(Guid Id, string Name, CommitteeKind Kind);

/// <summary>
/// The centre as its staff see it for a month: the units stationed, the month's rota, what the resident may choose
/// between at reception, and whether the caller is staff of the centre (who alone edit the rota and receive).
/// </summary>
public sealed record CentreView(CentreSummary Centre, IReadOnlyList<CentreStationRecord> Stations, YearMonth Month, IReadOnlyList<RotaDay> Rota,
    IReadOnlyList<CommitteeChoice> Committees, IReadOnlyList<ChoiceItem> Rooms, IReadOnlyList<ChoiceItem> Mediators, bool IsStaff);

/// <summary>A reception on the day list: the resident, the path chosen and where it went.</summary>
public sealed record ReceptionLine(Guid Id, Instant At, string Resident, ResolutionPath Path, string RoutedTo, Guid? MediationId, string RecordedBy);

/// <summary>One day at the centre: who is there at which window, and the residents received with their choices.</summary>
public sealed record CentreDay(LocalDate Date, IReadOnlyList<OnDutyUnit> OnDuty, IReadOnlyList<ReceptionLine> Receptions);

/// <summary>A reception as entered: the resident's chosen path and, by the path, the committee (or its room or mediator) or the receiving unit.</summary>
public sealed record NewReception(ResolutionPath Path, string? Resident, string? OtherParty, string? Matter, DisputeKind Kind, Guid? CommitteeId, Guid? RoomId,
    Guid? MediatorId, Guid? StationId);

/// <summary>
/// The one-stop centre (一站式矛盾纠纷多元化解中心) for its staff: the month's rota (Core's <see cref="CentreRota"/> decides
/// who may take which window), each day's units and receptions, and reception itself, where the resident's choice
/// opens a mediation of the chosen committee (through <see cref="MediationDesk"/>, in the same save) or is recorded with
/// the receiving unit. A centre outside the caller's scope is simply not found; only the staff of the unit running the
/// centre (or an administrator) change anything.
/// </summary>
public sealed class CentreDesk(FengqiaoDbContext db, IClock clock, MediationDesk mediations)
{
    public async Task<IReadOnlyList<CentreSummary>> CentresAsync(CancellationToken ct = default)
    {
        var centres = await db.MediationCentres.AsNoTracking().OrderBy(c => c.DivisionCode).ThenBy(c => c.Name).ToListAsync(ct);
        var names = await DivisionNamesAsync(centres.Select(c => c.DivisionCode), ct);
        return [.. centres.Select(c => Summary(c, names))];
    }

    public async Task<CentreView?> CentreAsync(Guid id, YearMonth month, CancellationToken ct = default)
    {
        var centre = await db.MediationCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (centre is null)
        {
            return null;
        }
        var stations = await StationsAsync(id, ct);
        var first = month.OnDayOfMonth(1).ToDateOnly();
        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)).ToDateOnly();
        var rota = await db.CentreRota.AsNoTracking().Where(r => r.CentreId == id && r.Date >= first && r.Date <= last).ToListAsync(ct);
        var byId = stations.ToDictionary(s => s.Id);
        var committees = await db.MediationCommittees.AsNoTracking().OrderBy(c => c.DivisionCode).ThenBy(c => c.Name)
            .Select(c => new CommitteeChoice(c.Id, c.Name, c.Kind)).ToListAsync(ct);
        var rooms = await db.MediationRooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new ChoiceItem(r.Id, r.CommitteeId, r.Name)).ToListAsync(ct);
        var mediators = await db.Mediators.AsNoTracking().OrderBy(m => m.Name).Select(m => new ChoiceItem(m.Id, m.CommitteeId, m.Name)).ToListAsync(ct);
        var names = await DivisionNamesAsync([centre.DivisionCode], ct);
        return new CentreView(Summary(centre, names), stations, month,
            [.. rota.Where(r => byId.ContainsKey(r.StationId)).OrderBy(r => r.Date).ThenBy(r => r.Window, StringComparer.Ordinal)
                .Select(r => new RotaDay(r.Id, r.StationId, byId[r.StationId].UnitName, byId[r.StationId].Kind, LocalDate.FromDateOnly(r.Date), r.Window))],
            committees, rooms, mediators, await IsStaffOfAsync(centre, ct));
    }

    /// <summary>The units at the centre that day and the residents received, latest first; null outside the caller's scope.</summary>
    public async Task<CentreDay?> DayAsync(Guid id, LocalDate date, CancellationToken ct = default)
    {
        if (!await db.MediationCentres.AnyAsync(c => c.Id == id, ct))
        {
            return null;
        }
        var stations = await StationsAsync(id, ct);
        var day = date.ToDateOnly();
        var rota = await db.CentreRota.AsNoTracking().Where(r => r.CentreId == id && r.Date == day).ToListAsync(ct);
        var receptions = await db.CentreReceptions.AsNoTracking().Where(r => r.CentreId == id && r.Day == day).OrderByDescending(r => r.At).ToListAsync(ct);
        var committeeIds = receptions.Where(r => r.CommitteeId is not null).Select(r => r.CommitteeId!.Value).Distinct().ToList();
        var committees = await db.MediationCommittees.AsNoTracking().Where(c => committeeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var roomIds = receptions.Where(r => r.RoomId is not null).Select(r => r.RoomId!.Value).ToList();
        var rooms = await db.MediationRooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var mediatorIds = receptions.Where(r => r.MediatorId is not null).Select(r => r.MediatorId!.Value).ToList();
        var mediatorNames = await db.Mediators.AsNoTracking().Where(m => mediatorIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var stationNames = stations.ToDictionary(s => s.Id, s => s.UnitName);
        string RoutedTo(CentreReceptionRecord r) => r.StationId is { } s
            ? stationNames.GetValueOrDefault(s, "?")
            : string.Join(" · ", new[]
            {
                r.CommitteeId is { } c ? committees.GetValueOrDefault(c) : null,
                r.RoomId is { } room ? rooms.GetValueOrDefault(room) : null,
                r.MediatorId is { } m ? mediatorNames.GetValueOrDefault(m) : null,
            }.Where(x => x is not null));
        return new CentreDay(date, Duty(date, stations, rota),
            [.. receptions.Select(r => new ReceptionLine(r.Id, r.At, r.Resident, r.Path, RoutedTo(r), r.MediationId, r.RecordedBy))]);
    }

    /// <summary>Puts a rotating unit at a window on a day; Core refuses what breaks the rota's rules. Null when the centre or unit is not found.</summary>
    public async Task<RotaDay?> AddRotaAsync(Guid centreId, Guid stationId, LocalDate date, string? window, CancellationToken ct = default)
    {
        var centre = await db.MediationCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centreId, ct);
        if (centre is null)
        {
            return null;
        }
        await RequireStaffAsync(centre, ct);
        var stations = await StationsAsync(centreId, ct);
        if (stations.FirstOrDefault(s => s.Id == stationId) is not { } station)
        {
            return null;
        }
        var day = date.ToDateOnly();
        var sameDay = await db.CentreRota.AsNoTracking().Where(r => r.CentreId == centreId && r.Date == day).ToListAsync(ct);
        var core = stations.Select(ToCore).ToList();
        if (CentreRota.Refusal(ToCore(station), date, window, core, [.. sameDay.Select(ToCore)]) is { } refusal)
        {
            throw new MediationRuleException(refusal);
        }
        var record = new CentreRotaRecord { CentreId = centreId, StationId = stationId, Date = day, Window = window!.Trim() };
        db.CentreRota.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone took the window or put the unit on that day between the check and the save: the unique indexes said no.
            throw new MediationConflictException();
        }
        return new RotaDay(record.Id, stationId, station.UnitName, station.Kind, date, record.Window);
    }

    /// <summary>Takes a day off the rota; false when there is no such entry in the caller's scope.</summary>
    public async Task<bool> RemoveRotaAsync(Guid centreId, Guid entryId, CancellationToken ct = default)
    {
        var centre = await db.MediationCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centreId, ct);
        var entry = centre is null ? null : await db.CentreRota.FirstOrDefaultAsync(r => r.Id == entryId && r.CentreId == centreId, ct);
        if (centre is null || entry is null)
        {
            return false;
        }
        await RequireStaffAsync(centre, ct);
        db.CentreRota.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Records the resident's choice and routes it: a mediation path opens a mediation of the chosen committee (a named
    /// room or mediator names theirs), saved with the reception; any other path is recorded with the receiving unit,
    /// which must be at the centre that day. Every problem is refused before anything is stored.
    /// </summary>
    public async Task<CentreReceptionRecord?> ReceiveAsync(Guid centreId, NewReception request, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var centre = await db.MediationCentres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centreId, ct);
        if (centre is null)
        {
            return null;
        }
        await RequireStaffAsync(centre, ct);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Fengqiao.Core.Mediation.Mediation.Zone).Date;
        // The room or mediator the resident named decides the committee.
        var committeeId = request.CommitteeId
            ?? (request.RoomId is { } room ? await db.MediationRooms.Where(r => r.Id == room).Select(r => (Guid?)r.CommitteeId).FirstOrDefaultAsync(ct) : null)
            ?? (request.MediatorId is { } m ? await db.Mediators.Where(x => x.Id == m).Select(x => (Guid?)x.CommitteeId).FirstOrDefaultAsync(ct) : null);
        var mediationPath = CentreReception.OpensMediation(request.Path);
        var committeeKind = mediationPath && committeeId is { } cid
            ? await db.MediationCommittees.Where(c => c.Id == cid).Select(c => (CommitteeKind?)c.Kind).FirstOrDefaultAsync(ct)
            : null;
        var problems = CentreReception.Problems(request.Path, request.Resident, request.Matter, committeeKind is not null, committeeKind,
            !mediationPath && request.StationId is not null).ToList();
        if (!mediationPath && request.StationId is { } station && problems.Count == 0)
        {
            var stations = await StationsAsync(centreId, ct);
            var rota = await db.CentreRota.AsNoTracking().Where(r => r.CentreId == centreId && r.Date == today.ToDateOnly()).ToListAsync(ct);
            if (!Duty(today, stations, rota).Any(u => u.StationId == station))
            {
                problems.Add("所选单位今天不在中心 (the unit chosen is not at the centre today)");
            }
        }
        if (problems.Count > 0)
        {
            throw new MediationRuleException(string.Join("；", problems));
        }
        var reception = new CentreReceptionRecord
        {
            CentreId = centreId, Day = today.ToDateOnly(), At = now, Path = request.Path, Resident = request.Resident!.Trim(),
            OtherParty = string.IsNullOrWhiteSpace(request.OtherParty) ? null : request.OtherParty.Trim(), Matter = request.Matter!.Trim(),
            RecordedBy = actor,
        };
        if (mediationPath)
        {
            var mediation = await mediations.OpenUnsavedAsync(new NewMediationRequest(committeeId!.Value, request.RoomId, request.MediatorId,
                MediationInitiation.OneParty, request.Kind, reception.Matter,
                [new MediationParty(reception.Resident, PartySide.Applicant), new MediationParty(reception.OtherParty ?? "", PartySide.Respondent)]), actor, ct);
            reception.CommitteeId = committeeId;
            reception.RoomId = request.RoomId;
            reception.MediatorId = request.MediatorId;
            reception.MediationId = mediation.Id;
        }
        else
        {
            reception.StationId = request.StationId;
        }
        db.CentreReceptions.Add(reception);
        await db.SaveChangesAsync(ct);
        return reception;
    }

    // The centre's staff: the unit running it and the units stationed there permanently (常驻), whose people work its windows.
    private async Task<bool> IsStaffOfAsync(MediationCentreRecord centre, CancellationToken ct) =>
        db.Scope.SeesAll || (db.Scope.UnitId is { } unit && (centre.OperatorUnitId == unit
            || await db.CentreStations.AnyAsync(s => s.CentreId == centre.Id && s.Kind == StationingKind.Permanent && s.UnitId == unit, ct)));

    private async Task RequireStaffAsync(MediationCentreRecord centre, CancellationToken ct)
    {
        if (!await IsStaffOfAsync(centre, ct))
        {
            throw new NotCentreStaffException();
        }
    }

    private async Task<List<CentreStationRecord>> StationsAsync(Guid centreId, CancellationToken ct) =>
        await db.CentreStations.AsNoTracking().Where(s => s.CentreId == centreId).OrderBy(s => s.Kind).ThenBy(s => s.Position).ToListAsync(ct);

    internal static IReadOnlyList<OnDutyUnit> Duty(LocalDate date, IReadOnlyList<CentreStationRecord> stations, IEnumerable<CentreRotaRecord> rota)
    {
        var byId = stations.ToDictionary(s => s.Id);
        return [.. CentreRota.OnDuty(date, [.. stations.Select(ToCore)], rota.Select(ToCore))
            .Select(x => new OnDutyUnit(x.Station.Id, x.Station.UnitName, x.Station.Kind, x.Window, byId[x.Station.Id].Services))];
    }

    private static CentreStation ToCore(CentreStationRecord s) => new(s.Id, s.UnitName, s.Kind, s.Window);

    private static RotaEntry ToCore(CentreRotaRecord r) => new(r.Id, r.StationId, LocalDate.FromDateOnly(r.Date), r.Window);

    private static CentreSummary Summary(MediationCentreRecord c, Dictionary<string, string> names) =>
        new(c.Id, c.Name, names.GetValueOrDefault(c.DivisionCode, c.DivisionCode), c.Address);

    private async Task<Dictionary<string, string>> DivisionNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Divisions.AsNoTracking().Where(d => list.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }
}

/// <summary>A centre on the public page: today's units at their windows and the named mediation rooms of its area.</summary>
public sealed record PublicCentreToday(string Name, string Division, string? Address, LocalDate Date, IReadOnlyList<OnDutyUnit> OnDuty,
    IReadOnlyList<(string Room, string Committee, string? Description)> Rooms);

/// <summary>
/// The centres as the public sees them (no account): today's units and windows and the named rooms, read through a
/// context acting as the system for this read only, like the portal's other public reads. Nothing personal is read.
/// </summary>
public sealed class PublicCentres(DatabaseSettings settings, IClock clock)
{
    public async Task<IReadOnlyList<PublicCentreToday>> TodayAsync(CancellationToken ct = default)
    {
        await using var db = settings.CreateContext(new Scope.SystemAccessScopeProvider());
        var today = clock.GetCurrentInstant().InZone(Fengqiao.Core.Mediation.Mediation.Zone).Date;
        var day = today.ToDateOnly();
        var centres = await db.MediationCentres.AsNoTracking().OrderBy(c => c.DivisionCode).ThenBy(c => c.Name).ToListAsync(ct);
        var result = new List<PublicCentreToday>();
        foreach (var centre in centres)
        {
            var stations = await db.CentreStations.AsNoTracking().Where(s => s.CentreId == centre.Id).OrderBy(s => s.Kind).ThenBy(s => s.Position).ToListAsync(ct);
            var rota = await db.CentreRota.AsNoTracking().Where(r => r.CentreId == centre.Id && r.Date == day).ToListAsync(ct);
            var division = await db.Divisions.AsNoTracking().Where(d => d.Code == centre.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? centre.DivisionCode;
            var rooms = await db.MediationRooms.AsNoTracking()
                .Join(db.MediationCommittees.AsNoTracking().Where(c => c.DivisionCode.StartsWith(centre.DivisionCode)), r => r.CommitteeId, c => c.Id,
                    (r, c) => new { Room = r.Name, Committee = c.Name, r.Description })
                .OrderBy(x => x.Room).ToListAsync(ct);
            result.Add(new PublicCentreToday(centre.Name, division, centre.Address, today, CentreDesk.Duty(today, stations, rota),
                [.. rooms.Select(r => (r.Room, r.Committee, r.Description))]));
        }
        return result;
    }
}
