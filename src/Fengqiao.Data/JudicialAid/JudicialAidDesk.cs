using System.Collections.Immutable;
using System.Text.Json;
using Fengqiao.Core;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.JudicialAid;

/// <summary>An application as entered at the desk (司法救助申请).</summary>
public sealed record NewAidApplication(string? Applicant, string? CaseReference, string? Circumstances, string? VillageCode);

/// <summary>The agreement as entered: who signed for the village committee and the procuratorate, the terms, the day.</summary>
public sealed record NewSupervisionAgreement(string? Guardian, string? VillageSignatory, string? ProcuratorateSignatory, string? Terms, LocalDate? SignedOn);

/// <summary>Field → messages for a refused application; nothing was stored.</summary>
public sealed class JudicialAidValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("申请信息有误 (the application has invalid fields): " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Someone acted on the application first: the caller's version is stale.</summary>
/// <summary>A town or village to choose where the applicant lives.</summary>
public sealed record AidPlace(string Code, string Name);

public sealed class JudicialAidConflictException() : Exception("该申请已被他人更新，请刷新后重试 (someone updated the application first; reload and try again)");

/// <summary>
/// An application with everything that happened to it, rebuilt from its log, and the steps it accepts now (Core's
/// <see cref="JudicialAidCase.Offers"/> at the instant a step taken now would be dated).
/// </summary>
public sealed record AidCaseView(JudicialAidApplicationRecord Record, JudicialAidCase Case, string VillageName, string UnitName, IReadOnlyList<JudicialAidEventRecord> Events,
    IReadOnlySet<JudicialAidAction> Offers);

/// <summary>
/// The judicial-aid desk (司法救助) over the database. Each application's steps are rows of its log with the
/// step's full input; the Core <see cref="JudicialAidCase"/> is rebuilt by replaying them, so every rule (the cap,
/// the agreement before supervised money moves, no overpayment, a follow-up before closing) is Core's, and the
/// application row is only the projection that lists and scope read.
/// </summary>
public sealed class JudicialAidDesk(FengqiaoDbContext db, IClock clock)
{
    /// <summary>The cap when nothing is configured: 36 months of the default wage of <see cref="JudicialAidSettings"/>.</summary>
    public static JudicialAidPolicy DefaultPolicy { get; } = new JudicialAidSettings().ToPolicy();

    // Chinese kept as it is: the default encoder writes each character as a six-character \uXXXX escape, and 困难情况
    // of 1,300 characters no longer fit the event's 8000-character column on PostgreSQL.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The configured cap (JudicialAid settings); the web host sets it from configuration.</summary>
    public JudicialAidPolicy Policy { get; init; } = DefaultPolicy;

    /// <summary>The towns of the procuratorate's own district: aid goes to people who live where it serves.</summary>
    public async Task<IReadOnlyList<AidPlace>> TownsAsync(Guid procuratorateId, CancellationToken ct = default)
    {
        var district = await db.Units.AsNoTracking().Where(u => u.Id == procuratorateId).Select(u => u.DivisionCode).FirstOrDefaultAsync(ct);
        return district is null ? [] : await PlacesUnderAsync(district, ct);
    }

    /// <summary>The villages and communities of a town.</summary>
    public Task<IReadOnlyList<AidPlace>> VillagesAsync(string town, CancellationToken ct = default) => PlacesUnderAsync(town, ct);

    private async Task<IReadOnlyList<AidPlace>> PlacesUnderAsync(string parent, CancellationToken ct) =>
        await db.Divisions.AsNoTracking().Where(d => d.ParentCode == parent).OrderBy(d => d.Code).Select(d => new AidPlace(d.Code, d.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<JudicialAidApplicationRecord>> ListAsync(CancellationToken ct = default) =>
        await db.JudicialAidApplications.AsNoTracking().OrderByDescending(a => a.AppliedAt).ToListAsync(ct);

    /// <summary>Registers an application for the caller's procuratorate; the village places it in the area scope.</summary>
    public async Task<JudicialAidApplicationRecord> ApplyAsync(NewAidApplication request, Guid procuratorateId, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Applicant) || request.Applicant.Trim().Length > 50)
        {
            errors[nameof(request.Applicant)] = ["请填写申请人姓名（不超过 50 字） (the applicant's name is required, at most 50 characters)"];
        }
        if (string.IsNullOrWhiteSpace(request.CaseReference) || request.CaseReference.Trim().Length > 64)
        {
            errors[nameof(request.CaseReference)] = ["请填写关联案件的案号（不超过 64 字） (the related case number is required, at most 64 characters)"];
        }
        if (string.IsNullOrWhiteSpace(request.Circumstances) || request.Circumstances.Trim().Length > TextLimits.AidCircumstances)
        {
            errors[nameof(request.Circumstances)] = [$"请写明困难情况（不超过 {TextLimits.AidCircumstances} 字） (describe the hardship, at most {TextLimits.AidCircumstances} characters)"];
        }
        string? villageName = null;
        if (!DivisionCode.TryParse(request.VillageCode, out var village, out _) || village.Level != DivisionLevel.Village
            || (villageName = await db.Divisions.AsNoTracking().Where(d => d.Code == village.Value).Select(d => d.Name).FirstOrDefaultAsync(ct)) is null)
        {
            errors[nameof(request.VillageCode)] = ["请选择申请人居住的村（社区） (choose the applicant's village or community)"];
        }
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == procuratorateId, ct);
        if (unit is null || unit.Kind != UnitKind.Procuratorate)
        {
            throw new JudicialAidRuleException("司法救助由检察院受理 (judicial aid is registered by a procuratorate)");
        }
        if (errors.Count > 0)
        {
            throw new JudicialAidValidationException(errors);
        }
        var now = clock.GetCurrentInstant();
        var id = Guid.CreateVersion7();
        var aid = JudicialAidCase.Apply(id, request.Applicant!, request.CaseReference!, request.Circumstances!, now);
        var record = new JudicialAidApplicationRecord
        {
            Id = id, UnitId = unit.Id, DivisionCode = village.Value, Applicant = aid.Applicant, CaseReference = aid.CaseReference,
            Circumstances = aid.Circumstances, State = aid.State, AppliedAt = now,
        };
        db.JudicialAidApplications.Add(record);
        Append(record, aid, 1, actor, new AppliedData(aid.Applicant, aid.CaseReference, aid.Circumstances));
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<AidCaseView?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var record = await db.JudicialAidApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var events = await db.JudicialAidEvents.AsNoTracking().Where(e => e.ApplicationId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var village = await db.Divisions.AsNoTracking().Where(d => d.Code == record.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? record.DivisionCode;
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        var aid = Replay(events);
        return new AidCaseView(record, aid, village, unit, events, aid.Offers(DatedAt(aid)));
    }

    /// <summary>Eligibility review: a finding with a reason on every criterion.</summary>
    public Task<AidCaseView?> ReviewAsync(Guid id, int? expectedVersion, IReadOnlyDictionary<string, CriterionFinding> findings, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, _, now) =>
        {
            var after = aid.ReviewEligibility(EligibilityCriteria.Default, findings, now);
            return (after, new ReviewedData(findings.ToDictionary(f => f.Key, f => new FindingData(f.Value.Applies, f.Value.Reason))));
        }, ct);

    public Task<AidCaseView?> DecideAsync(Guid id, int? expectedVersion, decimal amount, IReadOnlyList<Beneficiary> beneficiaries, bool supervisedFunds,
        string decidedBy, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, _, now) =>
        {
            var after = aid.Decide(amount, beneficiaries, Policy, decidedBy, now, supervisedFunds);
            return (after, new DecidedData(amount, [.. beneficiaries.Select(b => new BeneficiaryData(b.Name, b.Relationship, b.IsMinor, b.Guardian))],
                supervisedFunds, after.Decision!.DecidedBy, Policy.Cap, Policy.Basis));
        }, ct);

    /// <summary>
    /// The three-party agreement: the guardian, the committee of the applicant's village and the handling
    /// procuratorate, whose names come from the records so the desk cannot misname a party.
    /// </summary>
    public Task<AidCaseView?> SignAgreementAsync(Guid id, int? expectedVersion, NewSupervisionAgreement request, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, names, now) =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var signedOn = request.SignedOn ?? now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            var agreement = FundSupervisionAgreement.Create(request.Guardian ?? "", new AgreementParty(names.Village, request.VillageSignatory ?? ""),
                DivisionCode.Parse(names.VillageCode), new AgreementParty(names.Unit, request.ProcuratorateSignatory ?? ""), request.Terms ?? "", signedOn);
            return (aid.SignAgreement(agreement, now), new AgreementData(agreement.Guardian, agreement.VillageCommittee.Organisation, agreement.VillageCommittee.Signatory,
                names.VillageCode, agreement.Procuratorate.Organisation, agreement.Procuratorate.Signatory, agreement.Terms, signedOn.ToString("yyyy-MM-dd", null)));
        }, ct);

    public Task<AidCaseView?> DisburseAsync(Guid id, int? expectedVersion, decimal amount, string beneficiary, string reference, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, _, now) => (aid.Disburse(amount, beneficiary, now, reference), new DisbursedData(amount, beneficiary, reference)), ct);

    public Task<AidCaseView?> FollowUpAsync(Guid id, int? expectedVersion, string checker, string findings, bool usedAsAgreed, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, _, now) => (aid.RecordFollowUp(now, checker, findings, usedAsAgreed), new FollowedUpData(checker, findings, usedAsAgreed)), ct);

    public Task<AidCaseView?> CloseAsync(Guid id, int? expectedVersion, string actor, CancellationToken ct = default) =>
        ActAsync(id, expectedVersion, actor, (aid, _, now) => (aid.Close(now), new ClosedData()), ct);

    private sealed record PartyNames(string Village, string VillageCode, string Unit);

    private async Task<AidCaseView?> ActAsync(Guid id, int? expectedVersion, string actor,
        Func<JudicialAidCase, PartyNames, Instant, (JudicialAidCase After, object Data)> step, CancellationToken ct)
    {
        var record = await db.JudicialAidApplications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        if (expectedVersion is { } v && v != record.Version)
        {
            throw new JudicialAidConflictException();
        }
        var events = await db.JudicialAidEvents.AsNoTracking().Where(e => e.ApplicationId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var aid = Replay(events);
        var village = await db.Divisions.AsNoTracking().Where(d => d.Code == record.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? record.DivisionCode;
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        var now = DatedAt(aid);
        var (after, data) = step(aid, new PartyNames(village, record.DivisionCode, unit), now);
        Project(record, after);
        Append(record, after, events.Count + 1, actor, data);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The version token or the unique (application, sequence) index: someone acted first.
            throw new JudicialAidConflictException();
        }
        return await FindAsync(id, ct);
    }

    /// <summary>The instant a step taken now is dated: never before the last one, even if this node's clock lags another's.</summary>
    public Instant DatedAt(JudicialAidCase aid)
    {
        ArgumentNullException.ThrowIfNull(aid);
        return Instant.Max(clock.GetCurrentInstant(), aid.History[^1].At);
    }

    private static void Project(JudicialAidApplicationRecord record, JudicialAidCase aid)
    {
        record.State = aid.State;
        record.DecidedAmount = aid.Decision?.Amount;
        record.Disbursed = aid.Disbursed;
        record.SupervisionAgreed = aid.Agreement is not null;
        record.FollowUpChecks = aid.FollowUps.Length;
    }

    private void Append(JudicialAidApplicationRecord record, JudicialAidCase after, int sequence, string actor, object data)
    {
        var last = after.History[^1];
        db.JudicialAidEvents.Add(new JudicialAidEventRecord
        {
            ApplicationId = record.Id, Sequence = sequence, Kind = last.Kind, Before = last.Before, After = last.After, At = last.At,
            Actor = actor, Data = JsonSerializer.Serialize(data, data.GetType(), Json),
        });
    }

    /// <summary>Rebuilds the Core case from its log, applying each step's stored input through the same rules.</summary>
    public static JudicialAidCase Replay(IReadOnlyList<JudicialAidEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        JudicialAidCase? aid = null;
        foreach (var e in events)
        {
            var data = e.Data ?? "{}";
            aid = e.Kind switch
            {
                "aid.applied" when aid is null => Read<AppliedData>(data) is var a ? JudicialAidCase.Apply(e.ApplicationId, a.Applicant, a.CaseReference, a.Circumstances, e.At) : null,
                "aid.reviewed" => aid!.ReviewEligibility(EligibilityCriteria.Default, Read<ReviewedData>(data).Findings.ToDictionary(f => f.Key, f => new CriterionFinding(f.Value.Applies, f.Value.Reason)), e.At),
                "aid.decided" => Read<DecidedData>(data) is var d
                    ? aid!.Decide(d.Amount, d.Beneficiaries.Select(b => new Beneficiary(b.Name, b.Relationship, null, b.IsMinor, b.Guardian)),
                        JudicialAidPolicy.WithCap(d.Cap, d.Basis), d.DecidedBy, e.At, d.Supervised)
                    : null,
                "aid.agreement-signed" => Read<AgreementData>(data) is var g
                    ? aid!.SignAgreement(FundSupervisionAgreement.Create(g.Guardian, new AgreementParty(g.VillageCommittee, g.VillageSignatory), DivisionCode.Parse(g.VillageCode),
                        new AgreementParty(g.Procuratorate, g.ProcuratorateSignatory), g.Terms, NodaTime.Text.LocalDatePattern.Iso.Parse(g.SignedOn).Value), e.At)
                    : null,
                "aid.disbursed" => Read<DisbursedData>(data) is var p ? aid!.Disburse(p.Amount, p.Beneficiary, e.At, p.Reference) : null,
                "aid.followed-up" => Read<FollowedUpData>(data) is var f ? aid!.RecordFollowUp(e.At, f.Checker, f.Findings, f.UsedAsAgreed) : null,
                "aid.closed" => aid!.Close(e.At),
                _ => throw new InvalidOperationException($"Unknown judicial-aid event {e.Kind} at {e.Sequence}"),
            };
        }
        return aid ?? throw new InvalidOperationException("A judicial-aid application without its application event");
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException("Empty judicial-aid event data");

    // The stored input of each step. The eligibility criteria are replayed against the defaults: the criteria's
    // codes are stable, and the review's reasons are kept in the event so an old verdict stays readable.
    private sealed record AppliedData(string Applicant, string CaseReference, string Circumstances);
    private sealed record FindingData(bool Applies, string Reason);
    private sealed record ReviewedData(Dictionary<string, FindingData> Findings);
    private sealed record BeneficiaryData(string Name, string Relationship, bool IsMinor, string? Guardian);
    private sealed record DecidedData(decimal Amount, ImmutableArray<BeneficiaryData> Beneficiaries, bool Supervised, string DecidedBy, decimal Cap, string Basis);
    private sealed record AgreementData(string Guardian, string VillageCommittee, string VillageSignatory, string VillageCode, string Procuratorate,
        string ProcuratorateSignatory, string Terms, string SignedOn);
    private sealed record DisbursedData(decimal Amount, string Beneficiary, string Reference);
    private sealed record FollowedUpData(string Checker, string Findings, bool UsedAsAgreed);
    private sealed record ClosedData;
}
