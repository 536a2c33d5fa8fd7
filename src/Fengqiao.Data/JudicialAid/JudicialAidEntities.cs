using Fengqiao.Core.JudicialAid;
using NodaTime;

namespace Fengqiao.Data.JudicialAid;

/// <summary>A judicial-aid application (司法救助) projected from Core's <see cref="JudicialAidCase"/>.</summary>
public sealed class JudicialAidApplicationRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The procuratorate handling it; the unit scope tests this.</summary>
    public Guid UnitId { get; set; }
    /// <summary>The applicant's village; the area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    public required string Applicant { get; set; }
    public required string CaseReference { get; set; }
    public required string Circumstances { get; set; }
    public JudicialAidState State { get; set; }
    public Instant AppliedAt { get; set; }
    public decimal? DecidedAmount { get; set; }
    public decimal Disbursed { get; set; }
    /// <summary>The three-party fund-supervision agreement (资金监管协议) is signed.</summary>
    public bool SupervisionAgreed { get; set; }
    public int FollowUpChecks { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of an application's life (review, decision, agreement, disbursement, follow-up check).</summary>
public sealed class JudicialAidEventRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; set; }
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public JudicialAidState Before { get; set; }
    public JudicialAidState After { get; set; }
    public Instant At { get; set; }
    public required string Actor { get; set; }
    public string? Data { get; set; }
}
