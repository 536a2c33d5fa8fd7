using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Whistles;

/// <summary>A whistle as its panel shows it: the whistle, what stands beside it, and what the viewer may do now.</summary>
public sealed record WhistleOnPanel(WhistleRecord Record, Whistle Whistle, WhistleParticulars Particulars, IReadOnlySet<WhistleOffer> Offers);

public sealed partial class WhistleDesk
{
    private static readonly UnitKind[] Summonable =
        [UnitKind.Department, UnitKind.PoliceCommand, UnitKind.PoliceStation, UnitKind.JudicialOffice, UnitKind.Government, UnitKind.TaxOffice];

    /// <summary>
    /// The units of the case's district a whistle may summon, the viewer's own unit left out, by division then name:
    /// a whistle reaches beyond the blower's own scope, but not beyond the district. Empty when the case is not in scope.
    /// </summary>
    public async Task<IReadOnlyList<UnitChoice>> SummonableUnitsAsync(string trackingCode, Guid? exceptUnit, CancellationToken cancellationToken = default)
    {
        var county = await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => c.DivisionCode.Substring(0, 6)).FirstOrDefaultAsync(cancellationToken);
        if (county is null)
        {
            return [];
        }
        return await db.Units.AsNoTracking().Where(u => u.DivisionCode.StartsWith(county) && u.Id != exceptUnit && Summonable.Contains(u.Kind))
            .OrderBy(u => u.DivisionCode).ThenBy(u => u.Name).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The whistles on a case the viewer may see, newest first, or the one whistle named (what a summoned department
    /// opens, since it may not see the case), each with what <paramref name="actor"/> may do now (Core's offers).
    /// </summary>
    public async Task<IReadOnlyList<WhistleOnPanel>> PanelAsync(string? trackingCode, Guid? whistleId, WhistleActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        List<Guid> ids;
        if (whistleId is { } only)
        {
            ids = [only];
        }
        else
        {
            var caseId = await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            ids = caseId is null ? [] : await db.Whistles.Where(w => w.CaseId == caseId).OrderByDescending(w => w.BlownAt).Select(w => w.Id).ToListAsync(cancellationToken);
        }
        var panel = new List<WhistleOnPanel>();
        foreach (var id in ids)
        {
            if (await LoadAsync(id, cancellationToken) is { } l)
            {
                panel.Add(new WhistleOnPanel(l.Record, l.Whistle, await ParticularsAsync(l.Record, cancellationToken), await OffersAsync(l.Whistle, actor, cancellationToken)));
            }
        }
        return panel;
    }
}
