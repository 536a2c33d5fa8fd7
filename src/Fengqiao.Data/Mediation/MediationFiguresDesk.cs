using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Mediation;

/// <summary>One group of the figures: its key (an id, a division code or a month), the name to show (none for a mediation without a named mediator), the figures.</summary>
public sealed record MediationFigureRow(string Key, string? Label, MediationFigureLine Line);

/// <summary>The figures grouped one way, with the total line over every group.</summary>
public sealed record MediationFigures(FiguresDimension By, IReadOnlyList<MediationFigureRow> Rows, MediationFigureLine Total);

/// <summary>
/// The leaders' mediation figures (docs/kpi-definitions.md, "People's mediation figures"): each mediation the caller's scope admits is rebuilt from
/// its log and counted by Core's <see cref="MediationFacts"/>; the query filters decide which mediations those are, so a
/// town leader counts the committees of the town and a district leader every committee of the district.
/// </summary>
public sealed class MediationFiguresDesk(FengqiaoDbContext db)
{
    public async Task<MediationFigures> FiguresAsync(FiguresDimension by, CancellationToken ct = default)
    {
        var records = await db.Mediations.AsNoTracking().ToListAsync(ct);
        var ids = records.Select(r => r.Id).ToList();
        var events = (await db.MediationEvents.AsNoTracking().Where(e => ids.Contains(e.MediationId)).ToListAsync(ct))
            .GroupBy(e => e.MediationId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
        var committees = await db.MediationCommittees.AsNoTracking().Select(c => new { c.Id, c.Name, c.Kind, c.DivisionCode }).ToDictionaryAsync(c => c.Id, ct);
        var mediators = await db.Mediators.AsNoTracking().Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);

        var counted = records.Where(r => events.ContainsKey(r.Id) && committees.ContainsKey(r.CommitteeId)).Select(r =>
        {
            var committee = committees[r.CommitteeId];
            var division = DivisionCode.Parse(committee.DivisionCode);
            var facts = MediationFacts.Of(MediationDesk.Replay(events[r.Id]), committee.Kind, division);
            // A committee above the towns (a district's industry committee) is its own line under "town".
            var town = division.Value.Length > 9 ? division.Value[..9] : division.Value;
            var key = by switch
            {
                FiguresDimension.Committee => r.CommitteeId.ToString(),
                FiguresDimension.Mediator => r.MediatorId?.ToString() ?? "",
                FiguresDimension.Town => town,
                _ => MediationFigureLine.MonthOf(r.AppliedAt),
            };
            return (Key: key, Committee: committee.Name, Facts: facts);
        }).ToList();

        var townNames = by == FiguresDimension.Town ? await DivisionNamesAsync(counted.Select(c => c.Key), ct) : [];
        string? Label(string key, string committee) => by switch
        {
            FiguresDimension.Committee => committee,
            FiguresDimension.Mediator => key.Length == 0 ? null : mediators.GetValueOrDefault(Guid.Parse(key), key),
            FiguresDimension.Town => townNames.GetValueOrDefault(key, key),
            _ => key,
        };
        var rows = counted.GroupBy(c => c.Key)
            .Select(g => new MediationFigureRow(g.Key, Label(g.Key, g.First().Committee), MediationFigureLine.Tally(g.Select(c => c.Facts))))
            .ToList();
        // Months in order; otherwise the busiest first, then by name.
        rows = by == FiguresDimension.Month
            ? [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)]
            : [.. rows.OrderByDescending(r => r.Line.Applied).ThenBy(r => r.Label ?? "\uffff", StringComparer.Ordinal)];
        return new MediationFigures(by, rows, MediationFigureLine.Tally(counted.Select(c => c.Facts)));
    }

    private async Task<Dictionary<string, string>> DivisionNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Divisions.AsNoTracking().Where(d => list.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }
}
