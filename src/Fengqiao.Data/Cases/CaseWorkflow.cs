using Fengqiao.Core;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;
using Fengqiao.Data.People;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Cases;

public sealed record NewParty(string? Name, string? IdNumber, string? Phone, bool IsRepresentative);

/// <summary>What the intake desk (or an API client) submits to register a case (登记).</summary>
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
    string? IdempotencyKey);

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

/// <summary>Someone else acted on the case first: reload and decide again.</summary>
public sealed class CaseConflictException(string trackingCode, int expected, int actual)
    : Exception($"案件 {trackingCode} 已被他人更新（第 {actual} 版，您基于第 {expected} 版），请刷新后重试 (case {trackingCode} changed since you loaded it: version {actual}, you acted on {expected}; reload and retry)")
{
    public int Actual { get; } = actual;
}

/// <summary>
/// Registers cases and applies lifecycle actions. The rules are Core's <see cref="CaseFile"/>; this class loads the
/// case by replaying its log, applies the action, appends the event to the hash chain and updates the row the
/// ledger reads — all in one save, so a refused or conflicting action leaves nothing behind.
/// </summary>
public sealed class CaseWorkflow(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector, KnownReferences known, Text.CaseMatterIndex matters,
    TrackingNumberBlocks? numbers = null, RegistrationCommits? commits = null, IntakeLookups? lookups = null)
{
    public const int MaxRepresentatives = 5;

    /// <summary>A workflow over a context the caller made (a Blazor page's short-lived context), with the process's shared services.</summary>
    public static CaseWorkflow For(FengqiaoDbContext db, IServiceProvider services) => new(
        db,
        services.GetRequiredService<CaseRules>(),
        services.GetRequiredService<IClock>(),
        services.GetRequiredService<Security.PersonalDataProtector>(),
        services.GetRequiredService<KnownReferences>(),
        services.GetRequiredService<Text.CaseMatterIndex>(),
        services.GetService<TrackingNumberBlocks>(),
        services.GetService<RegistrationCommits>(),
        services.GetService<IntakeLookups>());

    public async Task<IntakeResult> RegisterAsync(NewCase request, string actor, CancellationToken cancellationToken = default)
    {
        // A retried submission is found by the unique index on the key when it is saved, not by a read before every
        // registration: retries are rare, and the read cost every case a round trip.
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        // Inside a caller's transaction a failed insert would abort it (PostgreSQL), so ask first there.
        if (key is not null && db.Database.CurrentTransaction is not null && await FindByKeyAsync(key, cancellationToken) is { } earlier)
        {
            return new IntakeResult(earlier, Replayed: true, []);
        }

        // Group commit only when this registration is all the context will save: a caller's transaction or its other
        // pending changes must be saved together with the case, as they always were.
        var grouped = commits is not null && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges();
        var now = clock.GetCurrentInstant();
        var (division, parties) = await ValidateAsync(request, now, cancellationToken);
        await protector.EnsureReadyAsync(cancellationToken);
        var residents = await ResolveResidentsAsync(parties, division, cancellationToken);
        // Signed as stored (trimmed): the same signature serves the lookups and this node's index.
        var matter = matters.Sign(request.Title!.Trim(), Blank(request.Detail));
        var similar = await EarlierCasesAsync(residents.Where(r => r is not null).Select(r => r!.Id).ToList(), parties, request.Title!, request.Detail, matter, request.CategoryCode, cancellationToken);
        var earlierCases = similar.Where(c => c.IsRepeat).Select(c => c.TrackingCode).ToList();

        var id = Guid.CreateVersion7();
        var policy = rules.PolicyFor(request.Channel, request.Kind, request.CategoryCode);
        var registration = new RegisterCase(id, request.Kind, request.Channel, Blank(request.CategoryCode), request.Urgent, now, actor);
        var transition = string.IsNullOrWhiteSpace(request.OnTheSpotResolution)
            ? CaseFile.Register(registration, policy)
            : CaseFile.RegisterResolvedOnTheSpot(registration, policy, request.OnTheSpotResolution);

        var record = new CaseRecord
        {
            Id = id,
            TrackingCode = await NextTrackingCodeAsync(CaseCodes.PrefixFor(division), now.InUtc().Year, cancellationToken),
            QueryCode = CaseCodes.NewQueryCode(),
            Kind = request.Kind,
            Channel = request.Channel,
            Title = request.Title!.Trim(),
            Detail = Blank(request.Detail),
            CategoryCode = Blank(request.CategoryCode),
            DivisionCode = division,
            Address = Blank(request.Address),
            RegisteringUnitId = request.RegisteringUnitId,
            ResidentId = residents.FirstOrDefault()?.Id,
            ResidentAccountId = residents.FirstOrDefault()?.AccountId,
            RegisteredAt = now,
            RegisteredBy = actor,
            FirstContact = Blank(request.FirstContact) ?? actor,
            GroupSize = request.GroupSize,
            IsRepeat = earlierCases.Count > 0,
            RepeatOf = earlierCases.Count > 0 ? string.Join(',', earlierCases.Take(10)) : null,
            IdempotencyKey = key,
            ProfileCode = policy.Profile.Code,
            Urgent = request.Urgent,
        };
        Project(record, transition.Case, transition.Event);
        db.Cases.Add(record);
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            db.CaseParties.Add(new CaseParty { CaseId = id, ResidentId = residents[i]?.Id, Name = p.Name!.Trim(), IsRepresentative = p.IsRepresentative }.Protect(protector, p.IdNumber, p.Phone));
        }
        await CaseEventLog.AppendAsync(db, id, transition.Event, cancellationToken);
        await Notices.ResidentNotices.QueueAsync(db, record, transition.Event, transition.Case.Version, cancellationToken);
        try
        {
            if (grouped)
            {
                await SaveInNextBatchAsync(commits!);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The key was used before (a retry), or twice at once: the stored case is the answer.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(key, cancellationToken);
            if (winner is null)
            {
                throw;
            }
            return new IntakeResult(winner, Replayed: true, []);
        }
        // This node finds the new case at once; other nodes on their next catch-up.
        matters.Add(record.Id, matter);
        return new IntakeResult(record, Replayed: false, earlierCases, similar);
    }

    /// <summary>
    /// Hands this registration's new rows to the node's group commit and waits for their batch. Not cancellable once
    /// queued: the case is then saved either way, and a retry with the same key finds it. Afterwards the rows are
    /// tracked here again, unchanged, as after a save of this context.
    /// </summary>
    private async Task SaveInNextBatchAsync(RegistrationCommits group)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        var entities = added.Select(e => e.Entity).ToList();
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
        await group.SaveAsync(entities);
        db.AttachRange(entities);
    }

    /// <summary>Loads a case in the caller's scope and rebuilds its lifecycle from the log.</summary>
    public async Task<(CaseRecord Record, CaseFile File)?> LoadAsync(string trackingCode, CancellationToken cancellationToken = default)
    {
        var record = await db.Cases.FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var events = await db.CaseEvents.Where(e => e.CaseId == record.Id).OrderBy(e => e.Sequence).AsNoTracking().ToListAsync(cancellationToken);
        return (record, rules.Replay(record.Id, CaseEventLog.Lifecycle(events)));
    }

    /// <summary>
    /// Applies one action to the version of the case the caller saw. Throws <see cref="CaseRuleException"/> when the
    /// lifecycle refuses it and <see cref="CaseConflictException"/> when someone acted first; returns null when the
    /// case is not in the caller's scope.
    /// </summary>
    public async Task<(CaseRecord Record, CaseFile File)?> ApplyAsync(string trackingCode, int expectedVersion, Func<Instant, CaseCommand> command, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(trackingCode, cancellationToken);
        if (loaded is not { } current)
        {
            return null;
        }
        if (current.File.Version != expectedVersion)
        {
            throw new CaseConflictException(trackingCode, expectedVersion, current.File.Version);
        }
        var at = Instant.Max(clock.GetCurrentInstant(), current.File.LastActionAt);
        var transition = current.File.Apply(command(at));
        Project(current.Record, transition.Case, transition.Event);
        await CaseEventLog.AppendAsync(db, current.Record.Id, transition.Event, cancellationToken);
        await Notices.ResidentNotices.QueueAsync(db, current.Record, transition.Event, transition.Case.Version, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another action took this sequence number (unique index) or changed the row (version token) first.
            db.ChangeTracker.Clear();
            var now = await db.Cases.AsNoTracking().Where(c => c.Id == current.Record.Id).Select(c => c.EventCount).FirstAsync(cancellationToken);
            throw new CaseConflictException(trackingCode, expectedVersion, now);
        }
        return (current.Record, transition.Case);
    }

    /// <summary>The row the ledger, KPIs and queues read, kept in step with the lifecycle after every event.</summary>
    public static void Project(CaseRecord record, CaseFile file, Core.Cases.CaseEvent lastEvent)
    {
        var running = file.Deadline;
        if (lastEvent.Kind is CaseEventKinds.Registered or CaseEventKinds.ResolvedOnTheSpot)
        {
            record.ResolvedOnTheSpot = file.ResolvedOnTheSpot;
            record.DecisionDueAt = running is { } d && d.Stage == file.Policy.Profile.IntakeStage ? d.Deadline.Due : null;
        }
        if (lastEvent.Before == CaseState.Registered && lastEvent.After is CaseState.Accepted or CaseState.NotAccepted or CaseState.Transferred)
        {
            record.DecidedAt ??= lastEvent.At;
        }
        if (file.Stage == CaseStage.Original)
        {
            if (running is { } handling && handling.Stage != file.Policy.Profile.IntakeStage)
            {
                record.ReplyDueAt = handling.Deadline.Due;
            }
            if (file.RepliedAt is { } replied)
            {
                record.RepliedAt ??= replied;
            }
        }
        if (file.Rating is { } rating)
        {
            record.Rating = rating;
        }
        if (lastEvent.Kind == CaseEventKinds.For(CaseAction.Reopen))
        {
            // Reopened after a look-back review: the case is open again, measured against its new limit, and its next
            // reply and closure are the ones that count (the reopening itself counts as overdue in the assessment).
            record.ClosedAt = null;
            record.ClosedWithinDays = null;
            record.RepliedAt = null;
        }
        if (file.State == CaseState.Closed && record.ClosedAt is null)
        {
            record.ClosedAt = lastEvent.At;
            record.ClosedWithinDays = (int)Math.Ceiling((lastEvent.At - record.RegisteredAt).TotalDays);
        }
        record.State = file.State;
        record.Stage = file.Stage;
        record.EventCount = file.Version;
        record.ReplySubmittedAt = file.PendingReply?.DraftedAt;
        var due = file.Deadline?.Deadline.Due;
        if (due != record.DueAt)
        {
            // A new limit (or none) starts unmarked; the sweep colours it again when it nears.
            record.DeadlineLevel = 0;
        }
        record.DueAt = due;
        if (file.State == CaseState.Transferred && file.TransferredTo is { } to)
        {
            record.HandlingUnitId = to;
        }
        else if (file.HandlingUnit is { } unit)
        {
            record.HandlingUnitId = unit;
        }
    }

    /// <summary>From this node's reserved block when the process shares one; one number at a time otherwise.</summary>
    private async Task<string> NextTrackingCodeAsync(string prefix, int year, CancellationToken cancellationToken) => numbers is null
        ? await CaseCodes.NextTrackingCodeAsync(db, prefix, year, cancellationToken)
        : CaseCodes.Format(prefix, year, await numbers.NextAsync(db, prefix, year, cancellationToken));

    private Task<CaseRecord?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Cases.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key, cancellationToken);

    private async Task<(string Division, List<NewParty> Parties)> ValidateAsync(NewCase request, Instant now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > TextLimits.Title)
        {
            Add(nameof(request.Title), $"请填写诉求事项（不超过 {TextLimits.Title} 字） (the matter is required, at most {TextLimits.Title} characters)");
        }
        if (request.Detail is { Length: > TextLimits.Long })
        {
            Add(nameof(request.Detail), $"诉求内容不超过 {TextLimits.Long} 字 (the detail is limited to {TextLimits.Long} characters)");
        }
        if (!Enum.IsDefined(request.Kind))
        {
            Add(nameof(request.Kind), "案件类型无效 (unknown case kind)");
        }
        if (!Enum.IsDefined(request.Channel))
        {
            Add(nameof(request.Channel), "来源渠道无效 (unknown channel)");
        }
        var division = string.Empty;
        if (!DivisionCode.TryParse(request.DivisionCode, out var code, out var codeError))
        {
            Add(nameof(request.DivisionCode), codeError);
        }
        else if (code.Level < DivisionLevel.County)
        {
            Add(nameof(request.DivisionCode), "地点至少要到区县 (the place must be at least a district or county)");
        }
        else if (!await known.DivisionExistsAsync(db, code.Value, cancellationToken))
        {
            Add(nameof(request.DivisionCode), $"区划 {code} 不存在 (division {code} does not exist)");
        }
        else
        {
            division = code.Value;
        }
        if (!string.IsNullOrWhiteSpace(request.CategoryCode) && !await db.Categories.AnyAsync(c => c.Code == request.CategoryCode.Trim(), cancellationToken))
        {
            Add(nameof(request.CategoryCode), $"事项分类 {request.CategoryCode} 不存在 (category {request.CategoryCode} does not exist)");
        }
        if (!await known.UnitExistsAsync(db, request.RegisteringUnitId, cancellationToken))
        {
            Add(nameof(request.RegisteringUnitId), "登记单位不存在 (the registering unit does not exist)");
        }

        var parties = request.Parties ?? [];
        var today = now.InUtc().Date;
        var normalised = new List<NewParty>();
        if (parties.Count == 0)
        {
            Add(nameof(request.Parties), "至少需要一名信访人 (at least one petitioner is required)");
        }
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            var field = $"Parties[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 50)
            {
                Add(field + ".Name", "请填写姓名（不超过 50 字） (the name is required, at most 50 characters)");
            }
            string? id = null;
            if (!string.IsNullOrWhiteSpace(p.IdNumber))
            {
                if (ResidentIdNumber.TryParse(p.IdNumber, today, out var parsed, out var idError))
                {
                    id = parsed.Value;
                }
                else
                {
                    Add(field + ".IdNumber", idError);
                }
            }
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(p.Phone))
            {
                if (PhoneNumber.TryParse(p.Phone, out var parsedPhone, out var phoneError))
                {
                    phone = parsedPhone.Value;
                }
                else
                {
                    Add(field + ".Phone", phoneError);
                }
            }
            if (id is null && phone is null)
            {
                Add(field, "身份证号与电话至少填写一项，以便回复和识别重复信访 (give an ID number or a phone, to reply and to recognise repeat petitions)");
            }
            normalised.Add(p with { IdNumber = id, Phone = phone });
        }
        var representatives = parties.Count(p => p.IsRepresentative);
        if (request.GroupSize is { } size)
        {
            if (size < 5)
            {
                Add(nameof(request.GroupSize), "集体访指 5 人以上 (a collective petition has 5 or more people)");
            }
            if (representatives is < 1 or > MaxRepresentatives)
            {
                Add(nameof(request.Parties), "集体访应推选 1 至 5 名代表 (a collective petition chooses 1 to 5 representatives)");
            }
        }
        else if (representatives > 0 && parties.Count > MaxRepresentatives)
        {
            Add(nameof(request.Parties), "代表不超过 5 人 (at most 5 representatives)");
        }
        if (errors.Count > 0)
        {
            throw new CaseValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        return (division, normalised);
    }

    private async Task<List<Resident?>> ResolveResidentsAsync(List<NewParty> parties, string division, CancellationToken cancellationToken)
    {
        var result = new List<Resident?>();
        foreach (var party in parties)
        {
            Resident? resident = null;
            if (party.IdNumber is { } id)
            {
                // The person may be known from another area's case; identity does not depend on who is registering.
                var index = protector.IdNumberIndex(id);
                resident = await db.Residents.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.IdNumberIndex == index, cancellationToken);
                if (resident is null)
                {
                    resident = new Resident { Name = party.Name!.Trim(), DivisionCode = division }.Protect(protector, id, party.Phone);
                    db.Residents.Add(resident);
                }
            }
            result.Add(resident);
        }
        return result;
    }

    /// <summary>
    /// What the intake desk shows while the clerk is still typing: the earlier cases the submission would be
    /// compared with, without storing anything. Party fields that do not parse are ignored here (the submission
    /// reports them).
    /// </summary>
    public async Task<IReadOnlyList<EarlierCase>> PreviewEarlierAsync(string? title, string? detail, string? categoryCode, IReadOnlyList<NewParty> parties, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(detail))
        {
            return [];
        }
        var today = clock.GetCurrentInstant().InUtc().Date;
        var normalised = (parties ?? []).Select(p => p with
        {
            IdNumber = ResidentIdNumber.TryParse(p.IdNumber, today, out var id, out _) ? id.Value : null,
            Phone = PhoneNumber.TryParse(p.Phone, out var phone, out _) ? phone.Value : null,
            Name = string.IsNullOrWhiteSpace(p.Name) ? "" : p.Name,
        }).ToList();
        await protector.EnsureReadyAsync(cancellationToken);
        // ID numbers are compared by their blind index: the database holds none in clear.
        var ids = normalised.Where(p => p.IdNumber is not null).Select(p => protector.IdNumberIndex(p.IdNumber!)).ToList();
        var residentIds = ids.Count == 0 ? [] : await db.Residents.IgnoreQueryFilters().Where(r => ids.Contains(r.IdNumberIndex!)).Select(r => r.Id).ToListAsync(cancellationToken);
        return await EarlierCasesAsync(residentIds, normalised, title ?? "", detail, matters.Sign(title ?? "", detail), Blank(categoryCode), cancellationToken);
    }

    /// <summary>
    /// Earlier cases of the same person (ID number, else phone and name) and of the same matter (the near-duplicate
    /// index), best first. Same person and same matter — bigram or index similarity at least
    /// <see cref="MatterSimilarity.RepeatThreshold"/>, same category when both have one — makes a repeat petition.
    /// The person's cases are looked up everywhere (identity does not depend on who registers); the same-matter
    /// hints of other people are shown only within the clerk's scope.
    /// </summary>
    private async Task<List<EarlierCase>> EarlierCasesAsync(List<Guid> residentIds, List<NewParty> parties, string title, string? detail, Text.MatterSignature matter, string? categoryCode, CancellationToken cancellationToken)
    {
        // Phones are compared by their blind index: the database holds no phone in clear.
        var byPhone = parties.Where(p => p.IdNumber is null && p.Phone is not null).Select(p => (Index: protector.PhoneIndex(p.Phone!), Name: p.Name!.Trim())).ToList();
        var phoneNames = byPhone.Select(p => p.Index + "|" + p.Name).ToList();
        var indexed = matters.Query(matter, 10);
        var lookup = new IntakeLookup(residentIds, [.. byPhone.Select(p => p.Index)], [.. indexed.Select(m => m.CaseId)]);
        var rows = lookups is null
            ? (await IntakeLookups.QueryAsync(db, [lookup], cancellationToken))[0]
            : await lookups.LookUpAsync(lookup).WaitAsync(cancellationToken);

        var found = new Dictionary<Guid, EarlierCase>();
        var candidates = rows.SamePerson
            // The same person: the same resident (ID number), or the same phone and name even when only one side gave an ID.
            .Where(c => (c.ResidentId is not null && residentIds.Contains(c.ResidentId.Value)) || phoneNames.Contains(c.Phone + "|" + c.Name))
            .DistinctBy(c => c.Id)
            .ToList();
        if (candidates.Count > 0)
        {
            var text = title + " " + detail;
            var estimated = matters.SimilarityTo(matter, candidates.Select(c => c.Id));
            foreach (var c in candidates)
            {
                var similarity = Math.Max(MatterSimilarity.Of(text, c.Title + " " + c.Detail), estimated.GetValueOrDefault(c.Id));
                var sameCategory = categoryCode is null || c.CategoryCode is null || c.CategoryCode == categoryCode;
                found[c.Id] = new EarlierCase(c.TrackingCode, c.Title, c.RegisteredAt, Math.Round(similarity, 3), SamePerson: true,
                    IsRepeat: sameCategory && similarity >= MatterSimilarity.RepeatThreshold);
            }
        }
        // Scope applies: a clerk is told only of cases the clerk may open.
        var scope = db.Scope;
        var named = rows.Cases.ToDictionary(c => c.Id);
        foreach (var m in indexed)
        {
            if (!found.ContainsKey(m.CaseId) && named.TryGetValue(m.CaseId, out var c) && c.VisibleTo(scope))
            {
                found[c.Id] = new EarlierCase(c.TrackingCode, c.Title, c.RegisteredAt, Math.Round(Math.Min(1, m.Similarity), 3), SamePerson: false, IsRepeat: false);
            }
        }
        return [.. found.Values
            .Where(c => c.IsRepeat || !c.SamePerson || c.Similarity > 0)
            .OrderByDescending(c => c.IsRepeat).ThenByDescending(c => c.Similarity).ThenByDescending(c => c.RegisteredAt)];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
