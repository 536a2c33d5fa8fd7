using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Places;

namespace Fengqiao.Data.Cases;

public sealed record NewParty(string? Name, string? IdNumber, string? Phone, bool IsRepresentative);

/// <summary>
/// What the intake desk (or an API client) submits to register a case (登记). <see cref="Point"/> is where the sender
/// says it is; <see cref="PlaceIsEstimate"/> marks a division guessed from that point rather than named by the sender.
/// <see cref="ContactOptional"/>: an anonymous report (匿名反映, Open311 without a phone) may name no ID number or phone;
/// it then gets no reply by message and is never matched to a person's earlier cases.
/// </summary>
public sealed record NewCase(
    CaseKind Kind,
    CaseChannel Channel,
    string? Title,
    string? Detail,
    string? DivisionCode,
    string? Address,
    string? CategoryCode,
    bool Urgent,
    IReadOnlyList<NewParty> Parties,
    int? GroupSize,
    Guid RegisteringUnitId,
    string? FirstContact,
    string? OnTheSpotResolution,
    string? IdempotencyKey,
    GeoPoint? Point = null,
    bool PlaceIsEstimate = false,
    string? MediaUrl = null,
    bool ContactOptional = false);

/// <summary>
/// The outcome of intake. <see cref="EarlierCases"/> are the codes that make this a repeat petition;
/// <see cref="Similar"/> ranks every earlier case of the same person or the same matter the clerk may see.
/// </summary>
public sealed record IntakeResult(CaseRecord Case, bool Replayed, IReadOnlyList<string> EarlierCases, IReadOnlyList<EarlierCase>? Similar = null);

/// <summary>Field → messages for a refused submission; nothing was stored.</summary>
public sealed class CaseValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("案件信息有误 (the case has invalid fields): " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
