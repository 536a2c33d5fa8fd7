using System.Security.Claims;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Mediation;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Portal;
using Fengqiao.Web.Resources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Mediation;

public sealed record CommitteeSummaryDto(Guid Id, string Name, CommitteeKind Kind, string DivisionCode, string Division, string? Field, int Members, int Women,
    int Rooms, int Mediators, int Mediations);

public sealed record CommitteeMemberDto(string Name, bool IsWoman, CommitteeSeat Seat);

public sealed record RoomDto(Guid Id, Guid CommitteeId, string Name, string? Description);

public sealed record MediatorDto(Guid Id, Guid CommitteeId, string Name, MediatorEmployment Employment, IReadOnlyList<string> Specialities, bool IsRespectedLocal, string? Profile);

public sealed record CommitteeDto(CommitteeSummaryDto Committee, IReadOnlyList<CommitteeMemberDto> MemberList, IReadOnlyList<RoomDto> RoomList, IReadOnlyList<MediatorDto> MediatorList);

public sealed record NewCommitteeRequest(string? Name, CommitteeKind? Kind, string? DivisionCode, string? Field, IReadOnlyList<CommitteeMemberDto>? Members);

public sealed record NewRoomRequest(string? Name, string? Description);

public sealed record NewMediatorRequest(string? Name, MediatorEmployment? Employment, IReadOnlyList<string>? Specialities, bool? IsRespectedLocal, string? Profile);

public sealed record MediationSummaryDto(Guid Id, Guid CommitteeId, string Committee, string? Room, MediationInitiation Initiation, DisputeKind Kind, string Parties,
    MediationState State, Instant AppliedAt, Instant LastActionAt, LocalDate? LimitDate, LocalDate? ConfirmationDueDate, int Sessions, int Version,
    MediationLimitStatus LimitStatus = MediationLimitStatus.OnTrack);

public sealed record SessionDto(int Number, Instant At, string Place, bool Online, IReadOnlyList<string> Participants, string Record, string Mediator);

public sealed record AgreementTermsDto(IReadOnlyList<string>? Parties, string? Facts, string? MattersInDispute, string? Responsibility, string? AgreedTerms,
    string? PerformanceManner, LocalDate? PerformanceDeadline);

public sealed record AgreementDto(AgreementForm Form, AgreementTermsDto? Terms, string? OralContent, Instant RecordedAt, Instant? EffectiveAt);

public sealed record ConfirmationDto(Instant AppliedAt, string Court, Instant? RuledAt, bool? Confirmed, string? Ruling);

public sealed record FollowUpDto(Instant At, PerformanceFinding Finding, string Note, string By);

public sealed record MediationEventDto(int Sequence, string Kind, MediationState Before, MediationState After, Instant At, string Actor);

public sealed record MediationDto(MediationSummaryDto Mediation, string Matter, IReadOnlyList<MediationParty> Parties, string? Mediator, Instant? AcceptedAt,
    string? Reason, string? RoutesExplained, Instant? StartedAt, bool Lapsed, IReadOnlyList<LimitExtension> Extensions, IReadOnlyList<SessionDto> SessionList,
    AgreementDto? Agreement, ConfirmationDto? Confirmation, IReadOnlyList<FollowUpDto> FollowUps, IReadOnlyList<MediationEventDto> History,
    IReadOnlyList<MediationAction> Offers);

public sealed record NewMediationDto(Guid? CommitteeId, Guid? RoomId, Guid? MediatorId, MediationInitiation? Initiation, DisputeKind? Kind, string? Matter,
    IReadOnlyList<MediationParty>? Parties);

public sealed record MediationStepRequest(int? Version, string? Reason, string? Place, bool? Online, IReadOnlyList<string>? Participants, string? Record,
    int? Days, bool? BothPartiesConsent, string? Note, AgreementTermsDto? Terms, string? Content, string? Routes, string? Court, bool? Confirmed,
    string? Ruling, PerformanceFinding? Finding, string? TextSha256 = null);

public sealed record CaseReferralRequest(Guid? CommitteeId, Guid? RoomId, DisputeKind? Kind, string? OtherParty);

public sealed record CaseReturnRequest(string? Note);

/// <summary>
/// People's mediation (人民调解): committees with their rooms and mediators, and mediations from application to
/// follow-up. Staff read what their scope admits; registering a committee and taking a step each need their act
/// (<see cref="StaffAction.RegisterMediationCommittee"/>, <see cref="StaffAction.Mediate"/>). A step is named in the
/// route and answered with the mediation and what the caller may do next; a refused step answers 422 with the rule's
/// message, a stale version 409, a mediation outside the scope 404.
/// </summary>
public static class Endpoints
{
    public static void MapMediation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mediation").RequireAuthorization(Policies.Staff).WithTags("Mediation");
        var register = Policies.For(StaffAction.RegisterMediationCommittee);
        var mediate = Policies.For(StaffAction.Mediate);

        group.MapGet("/committees", ListCommittees).WithSummary("Committees in the caller's scope with their counts");
        group.MapGet("/committees/{id:guid}", GetCommittee).WithSummary("One committee: members, named rooms, mediators");
        group.MapPost("/committees", RegisterCommittee).RequireAuthorization(register)
            .WithSummary("Register a committee; one breaking 人民调解法第八条 (3–9 members, a director, a woman member) is refused with the reasons");
        group.MapPost("/committees/{id:guid}/rooms", AddRoom).RequireAuthorization(register).WithSummary("Add a named mediation room (品牌调解室)");
        group.MapPost("/committees/{id:guid}/mediators", AddMediator).RequireAuthorization(register).WithSummary("Add a mediator with specialities and profile");
        group.MapGet("/figures", Figures)
            .WithSummary("The leaders' figures in the caller's scope, grouped by=Committee, Mediator, Town or Month: accepted, success and performance rates, confirmed, average days, village and town shares (a rate of 0 of 0 has no value)");
        group.MapGet("/mediations", ListMediations).WithSummary("Mediations in the caller's scope, latest activity first, each with its time-limit warning (LimitStatus); optionally of one committee, or one mediator's work list (warned first)");
        group.MapGet("/mediations/{id:guid}", GetMediation).WithSummary("One mediation with its sessions, agreement, deadlines, log and the steps the caller may take");
        group.MapPost("/mediations", OpenMediation).RequireAuthorization(mediate).WithSummary("Register an application (by one or both parties) or the committee's own start");
        group.MapPost("/mediations/{id:guid}/actions/{action}", TakeStep).RequireAuthorization(mediate)
            .WithSummary("Take one step (Accept, RecordSession, Extend, DraftAgreement, SignAgreement, SignAsMediator with the text's SHA-256, ApplyForConfirmation, RecordFollowUp …)");

        // 访调对接: a case turned into a mediation, a failed mediation turned back into its case; both logs name the other.
        group.MapGet("/cases/{trackingCode}", CaseLinks).WithSummary("The mediations a case was referred to, and why it may not be referred now (null: it may)");
        group.MapPost("/cases/{trackingCode}/refer", ReferCase).RequireAuthorization(Policies.For(StaffAction.ReferToMediation))
            .WithSummary("Refer a petition or 12345 case to a committee (and a named room): a mediation with the petitioner as applicant");
        group.MapGet("/mediations/{id:guid}/case", MediationCase).WithSummary("The case a mediation came from, and why it may not go back now (null: it may)");
        group.MapPost("/mediations/{id:guid}/return-to-case", ReturnToCase).RequireAuthorization(mediate)
            .WithSummary("Turn a failed or declined mediation back into the case it came from");

        group.MapGet("/mediations/{id:guid}/agreement", AgreementFile)
            .WithSummary("The written agreement (人民调解协议书) as Word (?format=docx, the default) or as an A4 print view (?format=print)");

        // The invited party's session page posts here: no account, the link's token and SMS codes (远程调解).
        var join = app.MapGroup("/mediation/join/{token}").AllowAnonymous().ExcludeFromDescription();
        join.MapPost("/code", SendJoinCode);
        join.MapPost("/enter", EnterSession);
        join.MapPost("/sign", SignAgreement);
        join.MapPost("/agreement", SignedCopy);
    }

    private static async Task<Results<Ok<MediationFigures>, ProblemHttpResult>> Figures(string? by, MediationFiguresDesk desk, CancellationToken ct) =>
        Enum.TryParse<FiguresDimension>(by ?? nameof(FiguresDimension.Committee), ignoreCase: true, out var dimension) && Enum.IsDefined(dimension) && !int.TryParse(by, out _)
            ? TypedResults.Ok(await desk.FiguresAsync(dimension, ct))
            : TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("分组方式无效 (group by Committee, Mediator, Town or Month)"));

    private static async Task<Results<Ok<CaseMediationLinks>, ProblemHttpResult>> CaseLinks(string trackingCode, PetitionMediationDesk desk, CancellationToken ct) =>
        await desk.ForCaseAsync(trackingCode, ct) is { } links ? TypedResults.Ok(links) : NotFound();

    private static async Task<Results<Ok<CaseMediationLinks>, ProblemHttpResult>> ReferCase(string trackingCode, CaseReferralRequest request, HttpContext http,
        PetitionMediationDesk desk, CancellationToken ct)
    {
        if (request.CommitteeId is not { } committee)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick("请选择调解委员会 (choose the committee)"));
        }
        try
        {
            return await desk.ReferAsync(trackingCode, committee, request.RoomId, request.Kind ?? DisputeKind.Other, request.OtherParty, FengqiaoClaims.Name(http.User), ct) is null
                ? NotFound()
                : TypedResults.Ok((await desk.ForCaseAsync(trackingCode, ct))!);
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
        catch (MediationConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<Ok<LinkedCase>, ProblemHttpResult>> MediationCase(Guid id, PetitionMediationDesk desk, CancellationToken ct) =>
        await desk.ForMediationAsync(id, ct) is { } linked ? TypedResults.Ok(linked) : NotFound();

    private static async Task<Results<Ok<LinkedCase>, ProblemHttpResult>> ReturnToCase(Guid id, CaseReturnRequest request, HttpContext http, PetitionMediationDesk desk,
        CancellationToken ct)
    {
        try
        {
            return await desk.ReturnAsync(id, request.Note, FengqiaoClaims.Name(http.User), ct) is { } linked ? TypedResults.Ok(linked) : NotFound();
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
        catch (MediationConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<IResult> AgreementFile(Guid id, string? format, MediationDesk desk, IStringLocalizer<Strings> l, CancellationToken ct) =>
        await desk.AgreementDocumentAsync(id, ct) is { } document ? AgreementAnswer(document, format, l) : NotFound();

    private static async Task<IResult> SignedCopy(string token, [FromForm] string? format, HttpContext http, RemoteMediationDesk desk, IDataProtectionProvider protection,
        IStringLocalizer<Strings> l, CancellationToken ct)
    {
        // Only the party who opened the session in this browser and signed gets their copy.
        if (await desk.ViewAsync(token, ct) is not { } view || !RemoteSessionCookie.Holds(http, protection, view.InvitationId)
            || await desk.SignedCopyAsync(token, ct) is not { } document)
        {
            return Back(token, "error=join");
        }
        return AgreementAnswer(document, format, l);
    }

    private static IResult AgreementAnswer(AgreementDocument document, string? format, IStringLocalizer<Strings> l) =>
        format == "print"
            ? Results.Content(MediationAgreementFiles.PrintHtml(document, l["CaseDocs.Print"]), "text/html; charset=utf-8")
            : Results.File(MediationAgreementFiles.Docx(document), MediationAgreementFiles.DocxType, MediationAgreementFiles.FileName(document));

    private static async Task<IResult> SendJoinCode(string token, [FromForm] string? purpose, [FromForm] string? answer, HttpContext http, PublicAbuseGuard guard,
        RemoteMediationDesk desk, CancellationToken ct)
    {
        if (!Enum.TryParse<CodePurpose>(purpose, ignoreCase: true, out var what) || !Enum.IsDefined(what) || int.TryParse(purpose, out _))
        {
            await PublicGuards.RefuseAsync(http, 400, "验证码用途无效 (the code's purpose is invalid)");
            return Results.Empty;
        }
        if (!await guard.TryPassAsync(http, answer))
        {
            return Back(token, "error=challenge");
        }
        return await desk.SendCodeAsync(token, what, ct) switch
        {
            CodeSending.Sent => Back(token, "sent=" + what.ToString().ToLowerInvariant()),
            CodeSending.TooSoon => Back(token, "error=soon"),
            CodeSending.NotNeeded => Back(token, ""),
            _ => await NoSuchLinkAsync(http, guard),
        };
    }

    private static async Task<IResult> EnterSession(string token, [FromForm] string? code, [FromForm] string? answer, HttpContext http, PublicAbuseGuard guard,
        RemoteMediationDesk desk, IDataProtectionProvider protection, CancellationToken ct)
    {
        if (!await guard.TryPassAsync(http, answer))
        {
            return Back(token, "error=challenge");
        }
        if (await desk.JoinAsync(token, code, ct) is not { } joined)
        {
            return await NoSuchLinkAsync(http, guard);
        }
        if (joined.Answer.Outcome != CodeOutcome.Accepted)
        {
            await guard.RecordFailureAsync(http);
            return Back(token, "error=" + joined.Answer.Outcome.ToString().ToLowerInvariant());
        }
        await guard.ForgiveAsync(http);
        RemoteSessionCookie.Issue(http, protection, joined.InvitationId);
        return Back(token, "joined=1");
    }

    private static async Task<IResult> SignAgreement(string token, [FromForm] string? code, [FromForm] string? sha, [FromForm] string? confirm, [FromForm] string? answer,
        HttpContext http, PublicAbuseGuard guard, RemoteMediationDesk desk, IDataProtectionProvider protection, CancellationToken ct)
    {
        if (confirm != "yes")
        {
            return Back(token, "error=confirm");
        }
        if (!await guard.TryPassAsync(http, answer))
        {
            return Back(token, "error=challenge");
        }
        // Signing needs the session opened in this browser first (the join code), then a fresh signing code.
        if (await desk.ViewAsync(token, ct) is not { } view)
        {
            return await NoSuchLinkAsync(http, guard);
        }
        if (!RemoteSessionCookie.Holds(http, protection, view.InvitationId))
        {
            return Back(token, "error=join");
        }
        try
        {
            var answered = await desk.SignAsync(token, code, sha, ct);
            if (answered is null)
            {
                return await NoSuchLinkAsync(http, guard);
            }
            if (answered.Refusal is not null)
            {
                return Back(token, "error=changed");
            }
            if (answered.Outcome != CodeOutcome.Accepted)
            {
                await guard.RecordFailureAsync(http);
                return Back(token, "error=" + answered.Outcome.ToString().ToLowerInvariant());
            }
            return Back(token, "signed=1");
        }
        catch (MediationConflictException)
        {
            return Back(token, "error=conflict");
        }
    }

    private static IResult Back(string token, string query) =>
        Results.LocalRedirect($"/mediation/join/{Uri.EscapeDataString(token)}" + (query.Length > 0 ? "?" + query : ""));

    private static async Task<IResult> NoSuchLinkAsync(HttpContext http, PublicAbuseGuard guard)
    {
        await guard.RecordFailureAsync(http);
        await PublicGuards.RefuseAsync(http, 404, "链接无效或已失效 (the link is invalid or no longer valid)");
        return Results.Empty;
    }

    private static async Task<Ok<List<CommitteeSummaryDto>>> ListCommittees(MediationDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.CommitteesAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<CommitteeDto>, ProblemHttpResult>> GetCommittee(Guid id, MediationDesk desk, CancellationToken ct)
    {
        var view = await desk.CommitteeAsync(id, ct);
        if (view is null)
        {
            return NotFound();
        }
        var counts = (await desk.CommitteesAsync(ct)).Single(c => c.Record.Id == id);
        return TypedResults.Ok(new CommitteeDto(ToDto(counts), [.. view.Members.Select(m => new CommitteeMemberDto(m.Name, m.IsWoman, m.Seat))],
            [.. view.Rooms.Select(ToDto)], [.. view.Mediators.Select(ToDto)]));
    }

    private static async Task<Results<Created<CommitteeSummaryDto>, ProblemHttpResult>> RegisterCommittee(NewCommitteeRequest request, HttpContext http, MediationDesk desk, CancellationToken ct)
    {
        try
        {
            var unit = Guid.TryParse(http.User.FindFirstValue(FengqiaoClaims.UnitId), out var u) ? u : (Guid?)null;
            var record = await desk.RegisterCommitteeAsync(new NewCommittee(request.Name, request.Kind ?? 0, request.DivisionCode, request.Field,
                [.. (request.Members ?? []).Select(m => new CommitteeMember(m.Name ?? "", m.IsWoman, m.Seat))]), unit, ct);
            return TypedResults.Created($"/api/mediation/committees/{record.Id}", ToDto((await desk.CommitteesAsync(ct)).Single(c => c.Record.Id == record.Id)));
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Results<Created<RoomDto>, ProblemHttpResult>> AddRoom(Guid id, NewRoomRequest request, MediationDesk desk, CancellationToken ct)
    {
        try
        {
            return await desk.AddRoomAsync(id, request.Name, request.Description, ct) is { } room
                ? TypedResults.Created($"/api/mediation/committees/{id}", ToDto(room))
                : NotFound();
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Results<Created<MediatorDto>, ProblemHttpResult>> AddMediator(Guid id, NewMediatorRequest request, MediationDesk desk, CancellationToken ct)
    {
        try
        {
            return await desk.AddMediatorAsync(id, request.Name, request.Employment ?? 0, request.Specialities, request.IsRespectedLocal ?? false, request.Profile, ct) is { } mediator
                ? TypedResults.Created($"/api/mediation/committees/{id}", ToDto(mediator))
                : NotFound();
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Ok<List<MediationSummaryDto>>> ListMediations(Guid? committee, Guid? mediator, MediationDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.MediationsAsync(committee, ct, mediator)).Select(m => ToDto(m.Record, m.Committee, m.Room, m.Limit)).ToList());

    private static async Task<Results<Ok<MediationDto>, ProblemHttpResult>> GetMediation(Guid id, HttpContext http, MediationDesk desk, CancellationToken ct) =>
        await desk.MediationAsync(id, ct) is { } view ? TypedResults.Ok(ToDto(view, Actor(http.User), desk)) : NotFound();

    private static async Task<Results<Created<MediationDto>, ProblemHttpResult>> OpenMediation(NewMediationDto request, HttpContext http, MediationDesk desk, CancellationToken ct)
    {
        try
        {
            var record = await desk.OpenAsync(new NewMediationRequest(request.CommitteeId ?? Guid.Empty, request.RoomId, request.MediatorId, request.Initiation ?? 0,
                request.Kind ?? 0, request.Matter, request.Parties), FengqiaoClaims.Name(http.User), ct);
            return TypedResults.Created($"/api/mediation/mediations/{record.Id}", ToDto((await desk.MediationAsync(record.Id, ct))!, Actor(http.User), desk));
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Results<Ok<MediationDto>, ProblemHttpResult>> TakeStep(Guid id, string action, MediationStepRequest request, HttpContext http, MediationDesk desk, CancellationToken ct)
    {
        if (!Enum.TryParse<MediationAction>(action, ignoreCase: true, out var step) || !Enum.IsDefined(step) || int.TryParse(action, out _))
        {
            return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有这项调解操作 (no such mediation step)"));
        }
        try
        {
            var actor = Actor(http.User);
            return await desk.TakeAsync(id, request.Version, actor, step, ToStep(request), ct) is { } view ? TypedResults.Ok(ToDto(view, actor, desk)) : NotFound();
        }
        catch (MediationRuleException ex)
        {
            return Refused(ex);
        }
        catch (MediationConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
        }
    }

    private static MediationActor Actor(ClaimsPrincipal user) => new(FengqiaoClaims.Name(user), FengqiaoClaims.Roles(user));

    private static MediationStep ToStep(MediationStepRequest r) => new(r.Reason, r.Place, r.Online ?? false, r.Participants, r.Record, r.Days ?? 0,
        r.BothPartiesConsent ?? false, r.Note,
        r.Terms is { } t
            ? new AgreementTerms([.. t.Parties ?? []], t.Facts ?? "", t.MattersInDispute ?? "", t.Responsibility ?? "", t.AgreedTerms ?? "", t.PerformanceManner ?? "",
                t.PerformanceDeadline ?? throw new MediationRuleException("协议须写明履行期限 (the agreement states the performance deadline)"))
            : null,
        r.Content, r.Routes, r.Court, r.Confirmed ?? false, r.Ruling, r.Finding ?? 0, TextSha256: r.TextSha256);

    private static ProblemHttpResult Refused(MediationRuleException ex) => TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));

    private static CommitteeSummaryDto ToDto(CommitteeSummary c) => new(c.Record.Id, c.Record.Name, c.Record.Kind, c.Record.DivisionCode, c.DivisionName, c.Record.Field,
        c.Members, c.Women, c.Rooms, c.Mediators, c.Mediations);

    private static RoomDto ToDto(MediationRoomRecord r) => new(r.Id, r.CommitteeId, r.Name, r.Description);

    private static MediatorDto ToDto(MediatorRecord m) => new(m.Id, m.CommitteeId, m.Name, m.Employment,
        m.Specialities.Split('、', StringSplitOptions.RemoveEmptyEntries), m.IsRespectedLocal, m.Profile);

    private static MediationSummaryDto ToDto(MediationRecord r, string committee, string? room, MediationLimitStatus limit) => new(r.Id, r.CommitteeId, committee, room, r.Initiation, r.Kind, r.Parties,
        r.State, r.AppliedAt, r.LastActionAt, r.LimitDate is { } l ? LocalDate.FromDateOnly(l) : null,
        r.ConfirmationDueDate is { } d ? LocalDate.FromDateOnly(d) : null, r.Sessions, r.Version, limit);

    private static MediationDto ToDto(MediationView v, MediationActor actor, MediationDesk desk)
    {
        var m = v.Mediation;
        var at = desk.StepTime(m);
        return new MediationDto(ToDto(v.Record, v.Committee, v.Room, MediationLimit.At(m.State, m.LimitDate, at)), m.Matter, m.Parties, v.Mediator, m.AcceptedAt, m.Reason, m.RoutesExplained, m.StartedAt,
            m.IsLapsedAt(at), m.Extensions,
            [.. m.Sessions.Select(s => new SessionDto(s.Number, s.At, s.Place, s.Online, s.Participants, s.Record, s.Mediator))],
            m.Agreement is { } a
                ? new AgreementDto(a.Form, a.Terms is { } t ? new AgreementTermsDto(t.Parties, t.Facts, t.MattersInDispute, t.Responsibility, t.AgreedTerms, t.PerformanceManner, t.PerformanceDeadline) : null,
                    a.OralContent, a.RecordedAt, a.EffectiveAt)
                : null,
            m.Confirmation is { } c ? new ConfirmationDto(c.AppliedAt, c.Court, c.RuledAt, c.Confirmed, c.Ruling) : null,
            [.. m.FollowUps.Select(f => new FollowUpDto(f.At, f.Finding, f.Note, f.By))],
            [.. v.Events.Select(e => new MediationEventDto(e.Sequence, e.Kind, e.Before, e.After, e.At, e.Actor))],
            [.. m.Offers(actor, at).Order()]);
    }
}
