using Fengqiao.Core.Procuratorate;
using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Procuratorate;
using NodaTime;

namespace Fengqiao.Web.Api;

public sealed record ComplianceRateDto(int OnTime, int Late, int Pending, decimal? Percent, decimal NationalPercent);

public sealed record Compliance12309Dto(Instant AsOf, int Petitions, ComplianceRateDto ProceduralReply, ComplianceRateDto Result);

/// <summary>Procuratorate service: the 12309 compliance figures over the caller's cases, shown like the national ones.</summary>
public static class ProcuratorateApi
{
    public static void MapProcuratorateApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/procuratorate").RequireAuthorization(Policies.Staff).WithTags("Procuratorate");

        group.MapGet("/compliance", async (FengqiaoDbContext db, CaseRules rules, IClock clock, CancellationToken ct) =>
        {
            var (report, count) = await ProcuratorateQueries.ComplianceAsync(db, rules, clock.GetCurrentInstant(), ct);
            return TypedResults.Ok(new Compliance12309Dto(report.AsOf, count,
                new ComplianceRateDto(report.ProceduralReply.OnTime, report.ProceduralReply.Late, report.ProceduralReply.Pending, report.ProceduralReply.Percent, Compliance12309.NationalProceduralReplyPercent),
                new ComplianceRateDto(report.Result.OnTime, report.Result.Late, report.Result.Pending, report.Result.Percent, Compliance12309.NationalResultPercent)));
        }).WithSummary("12309: procedural reply within 7 days and result within 3 months, as rates beside the national figures");
    }
}
