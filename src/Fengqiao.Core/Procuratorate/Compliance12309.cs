using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases.Deadlines;
using NodaTime;

namespace Fengqiao.Core.Procuratorate;

/// <summary>A 12309 procuratorial petition's three instants: received, procedural reply (程序性回复) and result (办理结果).</summary>
public sealed record Petition12309
{
    public Petition12309(Guid id, Instant received, Instant? proceduralReplyAt, Instant? resultAt)
    {
        if (proceduralReplyAt < received || resultAt < received)
        {
            throw new ProcuratorateRuleException($"检察信访 {id} 的答复时间早于收件时间 (a reply is dated before the petition was received)");
        }
        Id = id;
        Received = received;
        ProceduralReplyAt = proceduralReplyAt;
        ResultAt = resultAt;
    }

    public Guid Id { get; }

    public Instant Received { get; }

    public Instant? ProceduralReplyAt { get; }

    public Instant? ResultAt { get; }

    /// <summary>
    /// When the petitioner first heard back. A result sent within the seven days also tells the petitioner the
    /// matter is in hand, so it satisfies the procedural-reply rule by itself.
    /// </summary>
    public Instant? FirstReplyAt => (ProceduralReplyAt, ResultAt) switch
    {
        (null, var r) => r,
        (var p, null) => p,
        (var p, var r) => Instant.Min(p.Value, r.Value),
    };
}

/// <summary>
/// One rule's compliance: petitions whose deadline has passed or that were answered, and how many of them were
/// answered in time. Petitions still inside their period are pending and stay out of the rate, so a new
/// petition never lowers it.
/// </summary>
public sealed record ComplianceRate(int OnTime, int Late, int Pending)
{
    public int Counted => OnTime + Late;

    /// <summary>Percent to one decimal, as the national figures are quoted (99.8 %); null when nothing counted yet.</summary>
    public decimal? Percent => Counted == 0 ? null : Math.Round(OnTime * 100m / Counted, 1, MidpointRounding.AwayFromZero);
}

/// <summary>The two 12309 figures: procedural reply within 7 days (七日内程序性回复) and result within 3 months (三个月内答复办理过程或结果).</summary>
public sealed record Compliance12309Report(Instant AsOf, ComplianceRate ProceduralReply, ComplianceRate Result);

/// <summary>
/// Computes 12309 compliance on the work calendar, with the periods of the procuratorate SLA profile: the due
/// instant comes from <see cref="DeadlineCalculator.Due"/>, so holidays and make-up workdays count the same way
/// here as on the case pages.
/// </summary>
public static class Compliance12309
{
    /// <summary>The national figures the seed quotes, for the dashboard's comparison line.</summary>
    public const decimal NationalProceduralReplyPercent = 99.8m;

    public const decimal NationalResultPercent = 97.3m;

    public static Compliance12309Report Compute(IEnumerable<Petition12309> petitions, Instant asOf, DeadlineCalculator calculator,
        SlaProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(petitions);
        ArgumentNullException.ThrowIfNull(calculator);
        profile ??= SlaProfileCatalog.Procuratorate;
        var replyRule = profile.Rule(SlaStage.ProceduralReply);
        var resultRule = profile.Rule(SlaStage.Result);
        int[] reply = new int[3], result = new int[3];
        foreach (var p in petitions.Where(p => p.Received <= asOf))
        {
            Tally(reply, calculator.Due(p.Received, replyRule.Period, replyRule.RollsToWorkingDay), p.FirstReplyAt, asOf);
            Tally(result, calculator.Due(p.Received, resultRule.Period, resultRule.RollsToWorkingDay), p.ResultAt, asOf);
        }
        return new Compliance12309Report(asOf, new ComplianceRate(reply[0], reply[1], reply[2]), new ComplianceRate(result[0], result[1], result[2]));
    }

    // counts[0] on time, [1] late, [2] pending. A reply after asOf is not known yet at asOf.
    private static void Tally(int[] counts, Instant due, Instant? answeredAt, Instant asOf)
    {
        var known = answeredAt is { } a && a <= asOf ? answeredAt : null;
        if (known is { } answered)
        {
            counts[answered < due ? 0 : 1]++;
        }
        else
        {
            counts[asOf >= due ? 1 : 2]++;
        }
    }
}
