using Fengqiao.Core.Cases;
using Fengqiao.Core.Procuratorate;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Procuratorate;

/// <summary>
/// 12309 compliance over the stored cases: a 12309 petition is a case on the 12309 channel (procuratorate SLA
/// profile). Its procedural reply is the acceptance decision (受理告知), its result the written reply (答复).
/// </summary>
public static class ProcuratorateQueries
{
    public static async Task<(Compliance12309Report Report, int Petitions)> ComplianceAsync(FengqiaoDbContext db, CaseRules rules, Instant asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        var rows = await db.Cases.AsNoTracking().Where(c => c.Channel == CaseChannel.Procuratorate12309 && c.RegisteredAt <= asOf)
            .Select(c => new { c.Id, c.RegisteredAt, c.DecidedAt, c.RepliedAt }).ToListAsync(ct);
        var petitions = rows.Select(r => new Petition12309(r.Id, r.RegisteredAt, r.DecidedAt, r.RepliedAt)).ToList();
        return (Compliance12309.Compute(petitions, asOf, rules.Calculator), petitions.Count);
    }
}

/// <summary>12309 compliance as of now, in the viewer's scope: what the procuratorate page and API show.</summary>
public sealed class ProcuratorateCompliance(FengqiaoDbContext db, CaseRules rules, IClock clock)
{
    public Task<(Compliance12309Report Report, int Petitions)> ReportAsync(CancellationToken ct = default) =>
        ProcuratorateQueries.ComplianceAsync(db, rules, clock.GetCurrentInstant(), ct);
}
