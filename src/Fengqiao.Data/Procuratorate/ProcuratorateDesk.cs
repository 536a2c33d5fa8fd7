using Fengqiao.Core.Calendar;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Procuratorate;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Procuratorate;

public sealed record NewHearingParticipant(string? Name, HearingRole Role, string? Affiliation);

/// <summary>A hearing as entered: the case, what it is about, when and where, and who takes part.</summary>
public sealed record NewHearing(string? CaseReference, string? Subject, Instant? ScheduledAt, string? Place, IReadOnlyList<NewHearingParticipant>? Participants);

/// <summary>A suggestion as entered; the reply period defaults to the rules' two months.</summary>
public sealed record NewSuggestion(string? DocumentNumber, string? RecipientUnit, string? Subject, string? Content, LocalDate? ServedOn, int? ReplyMonths);

/// <summary>A suggestion with its status on the day asked.</summary>
public sealed record SuggestionView(ProcuratorialSuggestionRecord Record, SuggestionStatus Status);

/// <summary>The procuratorate's figures: hearings held and their outcomes, suggestions by status and how many were adopted.</summary>
public sealed record ProcuratorateTally(int HearingsScheduled, int HearingsHeld, int PetitionsSettled, int Suggestions, int RepliedOnTime, int RepliedLate,
    int AwaitingReply, int Overdue, int Adopted);

/// <summary>
/// Public hearings (公开听证) and procuratorial suggestions (检察建议) over the database. Each step is checked by
/// Core's <see cref="PublicHearing"/> and <see cref="ProcuratorialSuggestion"/>, rebuilt from the row, so the
/// row is only what was decided; a refused step raises <see cref="ProcuratorateRuleException"/> and stores nothing.
/// </summary>
public sealed class ProcuratorateDesk(FengqiaoDbContext db, IClock clock, WorkCalendar calendar)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;

    public async Task<IReadOnlyList<PublicHearingRecord>> HearingsAsync(CancellationToken ct = default) =>
        await db.PublicHearings.AsNoTracking().OrderByDescending(h => h.ScheduledAt).ToListAsync(ct);

    public async Task<IReadOnlyList<SuggestionView>> SuggestionsAsync(CancellationToken ct = default)
    {
        var today = Today;
        return [.. (await db.ProcuratorialSuggestions.AsNoTracking().OrderByDescending(s => s.IssuedOn).ToListAsync(ct)).Select(s => new SuggestionView(s, StatusOf(s, today)))];
    }

    public async Task<ProcuratorateTally> TallyAsync(CancellationToken ct = default)
    {
        var hearings = await db.PublicHearings.AsNoTracking().Select(h => new { h.State, h.Outcome }).ToListAsync(ct);
        var suggestions = await SuggestionsAsync(ct);
        return new ProcuratorateTally(hearings.Count, hearings.Count(h => h.State == HearingState.Held), hearings.Count(h => h.Outcome == HearingOutcome.PetitionSettled),
            suggestions.Count, suggestions.Count(s => s.Status == SuggestionStatus.RepliedOnTime), suggestions.Count(s => s.Status == SuggestionStatus.RepliedLate),
            suggestions.Count(s => s.Status == SuggestionStatus.AwaitingReply), suggestions.Count(s => s.Status == SuggestionStatus.Overdue),
            suggestions.Count(s => s.Record.Adopted == true));
    }

    /// <summary>Schedules a hearing for the caller's procuratorate (its district places it in the area scope).</summary>
    public async Task<PublicHearingRecord> ScheduleHearingAsync(NewHearing request, Guid procuratorateId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unit = await ProcuratorateAsync(procuratorateId, ct);
        var hearing = PublicHearing.Schedule(Guid.CreateVersion7(), request.CaseReference ?? "", request.Subject ?? "",
            request.ScheduledAt ?? throw new ProcuratorateRuleException("请填写听证时间 (the hearing needs a time)"), request.Place ?? "",
            (request.Participants ?? []).Select(p => new HearingParticipant(p.Name?.Trim() ?? "", p.Role, string.IsNullOrWhiteSpace(p.Affiliation) ? null : p.Affiliation.Trim())));
        Check(hearing.CaseReference.Length <= 64 && hearing.Subject.Length <= 200 && hearing.Place.Length <= 200,
            "案号不超过 64 字，事由和地点不超过 200 字 (the case reference is at most 64 characters, the subject and place at most 200)");
        var record = new PublicHearingRecord
        {
            Id = hearing.Id, UnitId = unit.Id, DivisionCode = unit.DivisionCode, CaseReference = hearing.CaseReference, Subject = hearing.Subject,
            ScheduledAt = hearing.ScheduledAt, Place = hearing.Place, Participants = WriteParticipants(hearing.Participants), State = hearing.State,
        };
        db.PublicHearings.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Records that the hearing took place: its outcome, every hearing officer's opinion and the summary.</summary>
    public async Task<PublicHearingRecord?> HoldHearingAsync(Guid id, HearingOutcome outcome, IReadOnlyList<OfficerOpinion> opinions, string? summary, CancellationToken ct = default)
    {
        var record = await db.PublicHearings.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var now = clock.GetCurrentInstant();
        var held = ToHearing(record).Hold(now, outcome, opinions, summary ?? "");
        record.State = held.State;
        record.HeldAt = held.HeldAt;
        record.Outcome = held.Outcome;
        record.Summary = held.Summary;
        record.Opinions = string.Join('\n', held.Opinions.Select(o => $"{Clean(o.OfficerName)}|{(o.Supports ? 1 : 0)}|{Clean(o.Opinion)}"));
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Issues a suggestion to a unit; its reply is due two months after service (or as set), on a working day.</summary>
    public async Task<SuggestionView> IssueSuggestionAsync(NewSuggestion request, Guid procuratorateId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unit = await ProcuratorateAsync(procuratorateId, ct);
        var servedOn = request.ServedOn ?? Today;
        Check(servedOn <= Today, "送达日期不能晚于今天 (the service date cannot be in the future)");
        var suggestion = ProcuratorialSuggestion.Issue(Guid.CreateVersion7(), request.DocumentNumber ?? "", request.RecipientUnit ?? "", request.Subject ?? "",
            request.Content ?? "", servedOn, calendar, request.ReplyMonths ?? ProcuratorialSuggestion.DefaultReplyMonths);
        Check(suggestion.DocumentNumber.Length <= 64 && suggestion.RecipientUnit.Length <= 100 && suggestion.Subject.Length <= 200,
            "文号不超过 64 字，被建议单位不超过 100 字，事由不超过 200 字 (number at most 64, recipient 100, subject 200 characters)");
        // Numbers are unique across procuratorates, so the check looks past the caller's scope.
        if (await db.ProcuratorialSuggestions.IgnoreQueryFilters().AnyAsync(s => s.DocumentNumber == suggestion.DocumentNumber, ct))
        {
            throw new ProcuratorateRuleException($"文号 {suggestion.DocumentNumber} 已使用 (the document number is already used)");
        }
        var record = new ProcuratorialSuggestionRecord
        {
            Id = suggestion.Id, UnitId = unit.Id, DivisionCode = unit.DivisionCode, DocumentNumber = suggestion.DocumentNumber, RecipientUnit = suggestion.RecipientUnit,
            Subject = suggestion.Subject, Content = suggestion.Content, IssuedOn = suggestion.ServedOn.ToDateOnly(), ReplyDueOn = suggestion.ReplyDue.ToDateOnly(),
        };
        db.ProcuratorialSuggestions.Add(record);
        await db.SaveChangesAsync(ct);
        return new SuggestionView(record, StatusOf(record, Today));
    }

    /// <summary>Records the unit's written reply and whether it adopted the suggestion.</summary>
    public async Task<SuggestionView?> RecordReplyAsync(Guid id, LocalDate? repliedOn, string? reply, bool adopted, CancellationToken ct = default)
    {
        var record = await db.ProcuratorialSuggestions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (record is null)
        {
            return null;
        }
        var day = repliedOn ?? Today;
        Check(day <= Today, "回复日期不能晚于今天 (the reply date cannot be in the future)");
        var replied = ToSuggestion(record).RecordReply(day, reply ?? "", adopted);
        record.RepliedOn = replied.RepliedOn!.Value.ToDateOnly();
        record.Reply = replied.Reply;
        record.Adopted = replied.Adopted;
        await db.SaveChangesAsync(ct);
        return new SuggestionView(record, StatusOf(record, Today));
    }

    public static IReadOnlyList<HearingParticipant> ReadParticipants(string lines) =>
        [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|')).Select(p =>
            new HearingParticipant(p[0], Enum.Parse<HearingRole>(p[1], ignoreCase: false), p.Length > 2 && p[2].Length > 0 ? p[2] : null))];

    public static IReadOnlyList<OfficerOpinion> ReadOpinions(string? lines) =>
        [.. (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|', 3)).Select(p => new OfficerOpinion(p[0], p[1] == "1", p[2]))];

    /// <summary>The status against the recorded due date: a due date once set never moves with a later calendar edit.</summary>
    public static SuggestionStatus StatusOf(ProcuratorialSuggestionRecord s, LocalDate today) => s.RepliedOn switch
    {
        { } replied when replied <= s.ReplyDueOn => SuggestionStatus.RepliedOnTime,
        { } => SuggestionStatus.RepliedLate,
        null when LocalDate.FromDateOnly(s.ReplyDueOn) < today => SuggestionStatus.Overdue,
        _ => SuggestionStatus.AwaitingReply,
    };

    private static PublicHearing ToHearing(PublicHearingRecord r) =>
        PublicHearing.Schedule(r.Id, r.CaseReference, r.Subject, r.ScheduledAt, r.Place, ReadParticipants(r.Participants)) is var h && r.State == HearingState.Held
            ? h.Hold(r.HeldAt!.Value, r.Outcome!.Value, ReadOpinions(r.Opinions), r.Summary ?? "")
            : h;

    private ProcuratorialSuggestion ToSuggestion(ProcuratorialSuggestionRecord r)
    {
        var s = ProcuratorialSuggestion.Issue(r.Id, r.DocumentNumber, r.RecipientUnit, r.Subject, r.Content, LocalDate.FromDateOnly(r.IssuedOn), calendar);
        return r.RepliedOn is { } replied ? s.RecordReply(LocalDate.FromDateOnly(replied), r.Reply ?? "", r.Adopted ?? false) : s;
    }

    private async Task<Organisations.Unit> ProcuratorateAsync(Guid id, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return unit is { Kind: UnitKind.Procuratorate } ? unit : throw new ProcuratorateRuleException("听证和检察建议由检察院登记 (hearings and suggestions are registered by a procuratorate)");
    }

    private static string WriteParticipants(IEnumerable<HearingParticipant> participants) =>
        string.Join('\n', participants.Select(p => $"{Clean(p.Name)}|{p.Role}|{Clean(p.Affiliation ?? "")}"));

    // The line format's separators may not appear inside a field.
    private static string Clean(string text) => text.Replace('|', '｜').Replace('\n', ' ').Replace('\r', ' ');

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ProcuratorateRuleException(message);
        }
    }
}
