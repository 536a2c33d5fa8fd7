using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Core.VillageAssessment;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.VillageAssessment;

/// <summary>A village's month as scored, with the name to print.</summary>
public sealed record ScoredVillage(string VillageName, VillageMonthScore Score);

/// <summary>A month's ranking of an area's villages and their names.</summary>
public sealed record AreaRanking(string AreaCode, YearMonth Month, VillageRanking Ranking, IReadOnlyDictionary<DivisionCode, string> Names);

/// <summary>
/// The "双十" village assessment over the database. The scheme and the arithmetic are Core's
/// (<see cref="DefaultAssessmentScheme"/>, <see cref="VillageMonthFacts"/>, <see cref="VillageRanking"/>); this class
/// counts the month's facts per village from Fengqiao's own records, keeps hand-entered values with their evidence,
/// stores every village's twenty entries with their points, and ranks and publishes.
/// </summary>
public sealed class VillageAssessmentDesk(FengqiaoDbContext db, IClock clock)
{
    public static AssessmentScheme Scheme => DefaultAssessmentScheme.Scheme;

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static int Key(YearMonth month) => month.Year * 100 + month.Month;

    private static (Instant Start, Instant End) Window(YearMonth month) =>
        (month.OnDayOfMonth(1).AtStartOfDayInZone(Zone).ToInstant(), month.OnDayOfMonth(1).PlusMonths(1).AtStartOfDayInZone(Zone).ToInstant());

    /// <summary>The villages and communities under an area (a town, or a district) that the caller may see.</summary>
    public async Task<Dictionary<DivisionCode, string>> VillagesAsync(string areaCode, CancellationToken ct = default)
    {
        var area = DivisionCode.Parse(areaCode);
        var scope = db.Scope;
        var rows = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(areaCode) && d.Code.Length == 12).OrderBy(d => d.Code).ToListAsync(ct);
        // Divisions are reference data without a filter; the assessment shows only villages in the caller's area.
        return rows.Select(r => (Code: DivisionCode.Parse(r.Code), r.Name))
            .Where(r => r.Code.IsWithin(area) && (scope.SeesAll || (scope.Area is { } a && r.Code.IsWithin(a))))
            .ToDictionary(r => r.Code, r => r.Name);
    }

    /// <summary>Counts one month's facts for every village under the area, in a handful of grouped queries.</summary>
    public async Task<Dictionary<DivisionCode, VillageMonthFacts>> FactsAsync(string areaCode, YearMonth month, CancellationToken ct = default)
    {
        var (start, end) = Window(month);
        var now = clock.GetCurrentInstant();
        var cutoff = now < end ? now : end;
        var cases = await db.Cases.AsNoTracking().Where(c => c.DivisionCode.StartsWith(areaCode) && c.DivisionCode.Length == 12 && c.RegisteredAt < end
                && (c.RegisteredAt >= start || c.ClosedAt == null || c.ClosedAt >= start || (c.ReplyDueAt >= start && c.ReplyDueAt < end)))
            .Select(c => new { c.Id, c.DivisionCode, c.Kind, c.Channel, c.RegisteredAt, c.ClosedAt, c.IsRepeat, c.GroupSize, c.ReplyDueAt, c.RepliedAt, c.Rating, c.RegisteringUnitId })
            .ToListAsync(ct);
        // 越级上访: a village's petitioner who came in person to a body at district level or above instead of the town.
        var registeringUnits = cases.Select(c => c.RegisteringUnitId).Distinct().ToList();
        var aboveTheTown = (await db.Units.AsNoTracking().Where(u => registeringUnits.Contains(u.Id)).Select(u => new { u.Id, u.DivisionCode }).ToListAsync(ct))
            .Where(u => u.DivisionCode.Length <= 6).Select(u => u.Id).ToHashSet();
        // 督办函、风险提示函 issued this month about a matter of the village (accountability suggestions go to officials, not villages).
        var letters = await db.Letters.AsNoTracking().Where(l => (l.Type == LetterType.Supervision || l.Type == LetterType.RiskAlert) && l.IssuedAt >= start && l.IssuedAt < end)
            .Join(db.Cases.Where(c => c.DivisionCode.StartsWith(areaCode) && c.DivisionCode.Length == 12), l => l.CaseId, c => c.Id, (l, c) => new { c.DivisionCode, l.Id })
            .ToListAsync(ct);
        var followUps = await db.CaseEvents.AsNoTracking().Where(e => e.Kind == "case.agreement-follow-up" && e.At >= start && e.At < end)
            .Join(db.Cases.Where(c => c.DivisionCode.StartsWith(areaCode)), e => e.CaseId, c => c.Id, (e, c) => new { c.DivisionCode, e.Data })
            .ToListAsync(ct);
        var key = Key(month);
        var (from, to) = (month.OnDayOfMonth(1).ToDateOnly(), month.OnDayOfMonth(1).PlusMonths(1).ToDateOnly());
        var planned = await db.PlannedVisits.AsNoTracking().Where(v => v.Month == key)
            .Join(db.Grids.Where(g => g.VillageCode.StartsWith(areaCode)), v => v.GridId, g => g.Id, (v, g) => new { g.VillageCode, Done = db.InspectionVisits.Any(i => i.PlannedVisitId == v.Id) })
            .ToListAsync(ct);
        var sixQuestions = await db.SixQuestionsNotes.AsNoTracking().Where(n => n.VillageCode.StartsWith(areaCode) && n.Date >= from && n.Date < to)
            .GroupBy(n => n.VillageCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var outreach = await db.OutreachEvents.AsNoTracking().Where(o => o.DivisionCode.StartsWith(areaCode) && o.DivisionCode.Length == 12 && o.Date >= from && o.Date < to)
            .GroupBy(o => o.DivisionCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var orders = await db.ServiceOrders.AsNoTracking().Where(o => o.DivisionCode.StartsWith(areaCode) && o.DivisionCode.Length == 12
                && o.State >= ServiceOrderState.Held && o.State != ServiceOrderState.Cancelled && o.ScheduledStart >= start && o.ScheduledStart < end)
            .GroupBy(o => o.DivisionCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var villages = await VillagesAsync(areaCode, ct);
        var facts = new Dictionary<DivisionCode, VillageMonthFacts>();
        foreach (var village in villages.Keys)
        {
            var here = cases.Where(c => c.DivisionCode == village.Value).ToList();
            var received = here.Where(c => c.RegisteredAt >= start).ToList();
            var disputes = received.Where(c => c.Kind == CaseKind.Dispute).ToList();
            var due = here.Where(c => c.Kind == CaseKind.Petition && c.ReplyDueAt >= start && c.ReplyDueAt < cutoff).ToList();
            var rated = here.Where(c => c.ClosedAt >= start && c.ClosedAt < end && c.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied or CaseRating.Unsatisfied).ToList();
            var agreements = followUps.Where(f => f.DivisionCode == village.Value).ToList();
            var plannedHere = planned.Where(p => p.VillageCode == village.Value).ToList();
            facts[village] = new VillageMonthFacts
            {
                DisputesReceived = disputes.Count,
                DisputesResolvedInVillage = disputes.Count(c => c.ClosedAt < end),
                DisputesUnresolved = here.Count(c => c.Kind == CaseKind.Dispute && (c.ClosedAt == null || c.ClosedAt >= end)),
                EscalatedPetitions = received.Count(c => c.Kind == CaseKind.Petition && c.Channel == CaseChannel.Visit && aboveTheTown.Contains(c.RegisteringUnitId)),
                RepeatPetitions = received.Count(c => c.IsRepeat),
                GroupPetitions = received.Count(c => CollectivePetition.Is(c.GroupSize)),
                AgreementsFollowedUp = agreements.Count,
                AgreementsHonoured = agreements.Count(a => a.Data.Contains("\"honoured\":\"true\"", StringComparison.Ordinal)),
                PetitionsDue = due.Count,
                PetitionsClosedOnTime = due.Count(c => c.RepliedAt != null && c.RepliedAt <= c.ReplyDueAt),
                PetitionsOverdue = due.Count(c => c.RepliedAt == null || c.RepliedAt > c.ReplyDueAt),
                Ratings = rated.Count,
                RatingsSatisfied = rated.Count(c => c.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied),
                RatingsDissatisfied = rated.Count(c => c.Rating == CaseRating.Unsatisfied),
                PlannedInspections = plannedHere.Count,
                PlannedInspectionsDone = plannedHere.Count(p => p.Done),
                SixQuestionVisits = sixQuestions.GetValueOrDefault(village.Value),
                OutreachEvents = outreach.GetValueOrDefault(village.Value),
                ServiceOrdersHeld = orders.GetValueOrDefault(village.Value),
                SupervisionLetters = letters.Count(l => l.DivisionCode == village.Value),
                MediaExposures = received.Count(c => c.Channel == CaseChannel.MediaExposure),
            };
        }
        return facts;
    }

    /// <summary>
    /// Enters a value by hand for an indicator Fengqiao cannot compute (P10 commendations, N05 safety incidents,
    /// N06 criminal cases), with its evidence. Computable indicators are refused: their value is the records'.
    /// </summary>
    public async Task EnterManualAsync(string villageCode, YearMonth month, string indicatorCode, int count, string? evidence, string enteredBy, CancellationToken ct = default)
    {
        var indicator = Scheme.Indicators.FirstOrDefault(i => i.Code == indicatorCode)
            ?? throw new AssessmentRuleException($"未知的指标 {indicatorCode} (unknown indicator)");
        if (indicator.Computable)
        {
            throw new AssessmentRuleException($"指标 {indicator.Code} {indicator.Name} 由系统根据业务数据自动计算，不能手工录入 (indicator {indicator.Code} is computed from the records and cannot be entered by hand)");
        }
        if (!DivisionCode.TryParse(villageCode, out var village, out _) || village.Level != DivisionLevel.Village
            || !(await VillagesAsync(villageCode[..9], ct)).ContainsKey(village))
        {
            throw new AssessmentRuleException($"村（社区）{villageCode} 不存在或不在您的范围内 (no such village in your scope)");
        }
        var entry = IndicatorEntry.Manual(IndicatorValue.Count(count), evidence ?? "", enteredBy);
        var key = Key(month);
        var row = await db.VillageIndicatorEntries.FirstOrDefaultAsync(e => e.VillageCode == villageCode && e.Month == key && e.IndicatorCode == indicatorCode, ct);
        if (row is null)
        {
            row = new VillageIndicatorEntryRecord { VillageCode = villageCode, Month = key, IndicatorCode = indicatorCode, ValueKind = "count" };
            db.VillageIndicatorEntries.Add(row);
        }
        Write(row, indicator, entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Scores the month for every village under the area: computed values recounted from the records, hand-entered
    /// ones kept, missing hand values counted as nothing with that said, and all twenty rows stored with their points.
    /// </summary>
    public async Task<IReadOnlyList<ScoredVillage>> ScoreMonthAsync(string areaCode, YearMonth month, CancellationToken ct = default)
    {
        var facts = await FactsAsync(areaCode, month, ct);
        var names = await VillagesAsync(areaCode, ct);
        var key = Key(month);
        var stored = (await db.VillageIndicatorEntries.Where(e => e.VillageCode.StartsWith(areaCode) && e.Month == key).ToListAsync(ct))
            .ToDictionary(e => (e.VillageCode, e.IndicatorCode));
        var scored = new List<ScoredVillage>();
        foreach (var (village, villageFacts) in facts)
        {
            var entries = new Dictionary<string, IndicatorEntry>(villageFacts.ComputedEntries(), StringComparer.Ordinal);
            foreach (var indicator in Scheme.Indicators.Where(i => !entries.ContainsKey(i.Code)))
            {
                entries[indicator.Code] = stored.TryGetValue((village.Value, indicator.Code), out var manual) && manual.Source == ValueSource.Manual
                    ? ToEntry(manual)
                    : IndicatorEntry.Computed(IndicatorValue.Count(0), "尚未人工录入，按 0 计 (nothing entered yet, counted as 0)");
            }
            var score = Scheme.Score(village, month, entries);
            foreach (var line in score.Lines)
            {
                if (!stored.TryGetValue((village.Value, line.Indicator.Code), out var row))
                {
                    row = new VillageIndicatorEntryRecord { VillageCode = village.Value, Month = key, IndicatorCode = line.Indicator.Code, ValueKind = "count" };
                    db.VillageIndicatorEntries.Add(row);
                }
                Write(row, line.Indicator, line.Entry);
                row.Points = line.Points;
            }
            scored.Add(new ScoredVillage(names[village], score));
        }
        await db.SaveChangesAsync(ct);
        return scored;
    }

    /// <summary>
    /// Where each village of the area is drawn on the 双十 map: no village boundaries or centres are known, so it is the
    /// mean of the points of the village's cases in the caller's scope (with how many cases that is); villages whose
    /// cases carry no point are absent. Never a made-up shape.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (Core.Places.GeoPoint Centre, int Cases)>> VillageCentresAsync(string areaCode, CancellationToken ct = default)
    {
        var area = DivisionCode.Parse(areaCode).Value;
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.Latitude != null && c.Longitude != null && c.DivisionCode.StartsWith(area) && c.DivisionCode.Length == 12)
            .GroupBy(c => c.DivisionCode)
            .Select(g => new { g.Key, Latitude = g.Average(c => c.Latitude!.Value), Longitude = g.Average(c => c.Longitude!.Value), Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (new Core.Places.GeoPoint(r.Latitude, r.Longitude), r.Count));
    }

    /// <summary>The month's ranking from the stored entries, with last month's for the trend arrows.</summary>
    public async Task<AreaRanking> RankingAsync(string areaCode, YearMonth month, CancellationToken ct = default)
    {
        var names = await VillagesAsync(areaCode, ct);
        var current = await StoredScoresAsync(areaCode, month, ct);
        var previous = await StoredScoresAsync(areaCode, month.PlusMonths(-1), ct);
        return new AreaRanking(areaCode, month, VillageRanking.Rank(month, current, previous), names);
    }

    /// <summary>A village's total per month, oldest first, for the months that were scored.</summary>
    public async Task<IReadOnlyList<(YearMonth Month, decimal Total)>> TrendAsync(string villageCode, YearMonth last, int months, CancellationToken ct = default)
    {
        var from = Key(last.PlusMonths(1 - months));
        var to = Key(last);
        var rows = await db.VillageIndicatorEntries.AsNoTracking().Where(e => e.VillageCode == villageCode && e.Month >= from && e.Month <= to)
            .Select(e => new { e.Month, e.Points }).ToListAsync(ct);
        // Summed in memory: SQLite keeps decimals as text and cannot add them.
        return [.. rows.GroupBy(r => r.Month).OrderBy(g => g.Key)
            .Select(g => (new YearMonth(g.Key / 100, g.Key % 100), Scheme.BaseScore + g.Sum(r => r.Points)))];
    }

    /// <summary>Composes and stores the month's notice for the area (one per area and month; publishing again replaces the text).</summary>
    public async Task<AssessmentNotice> PublishNoticeAsync(string areaCode, YearMonth month, string issuer, CancellationToken ct = default)
    {
        var ranking = await RankingAsync(areaCode, month, ct);
        if (ranking.Ranking.Rows.IsEmpty)
        {
            throw new AssessmentRuleException("本月尚未评分，不能发布通报 (score the month before publishing its notice)");
        }
        var today = clock.GetCurrentInstant().InZone(Zone).Date;
        var notice = AssessmentNotice.Compose(ranking.Ranking, issuer, today, ranking.Names);
        var key = Key(month);
        var row = await db.AssessmentNotices.FirstOrDefaultAsync(n => n.AreaCode == areaCode && n.Month == key, ct);
        if (row is null)
        {
            row = new AssessmentNoticeRecord { AreaCode = areaCode, Month = key, Issuer = issuer, Text = "" };
            db.AssessmentNotices.Add(row);
        }
        row.Issuer = issuer;
        row.PublishedOn = today.ToDateOnly();
        row.Text = Render(notice);
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>The towns (by code, with their names) that have scored villages the viewer may see.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ScoredTownsAsync(CancellationToken ct = default)
    {
        var towns = await db.VillageIndicatorEntries.AsNoTracking().Select(e => e.VillageCode.Substring(0, 9)).Distinct().ToListAsync(ct);
        return await db.Divisions.AsNoTracking().Where(d => towns.Contains(d.Code)).OrderBy(d => d.Code).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    /// <summary>The published notice's text for the area and month, if one was published.</summary>
    public async Task<string?> NoticeTextAsync(string areaCode, YearMonth month, CancellationToken ct = default)
    {
        var key = Key(month);
        return await db.AssessmentNotices.AsNoTracking().Where(n => n.AreaCode == areaCode && n.Month == key).Select(n => n.Text).FirstOrDefaultAsync(ct);
    }

    /// <summary>The notice as plain text, the form it is filed and read in.</summary>
    public static string Render(AssessmentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            notice.Title,
            string.Create(c, $"{notice.Issuer}　{notice.PublishedOn:yyyy年M月d日}"),
            string.Create(c, $"参评村（社区）{notice.VillageCount} 个，平均 {notice.Average:0.##} 分，最高 {notice.Highest:0.##} 分，最低 {notice.Lowest:0.##} 分。"),
            "红榜：" + string.Join("；", notice.Commended.Select(e => string.Create(c, $"{e.VillageName}（{e.Total:0.##} 分：{string.Join("，", e.Reasons)}）"))),
            "黄榜：" + string.Join("；", notice.Warned.Select(e => string.Create(c, $"{e.VillageName}（{e.Total:0.##} 分：{string.Join("，", e.Reasons)}）"))),
        };
        lines.AddRange(notice.Table.Select(e => string.Create(c, $"{e.Rank}. {e.VillageName} {e.Total:0.##}")));
        return string.Join('\n', lines);
    }

    private async Task<List<VillageMonthScore>> StoredScoresAsync(string areaCode, YearMonth month, CancellationToken ct)
    {
        var key = Key(month);
        var rows = await db.VillageIndicatorEntries.AsNoTracking().Where(e => e.VillageCode.StartsWith(areaCode) && e.Month == key).ToListAsync(ct);
        var scores = new List<VillageMonthScore>();
        foreach (var village in rows.GroupBy(r => r.VillageCode))
        {
            var entries = village.ToDictionary(r => r.IndicatorCode, ToEntry, StringComparer.Ordinal);
            if (Scheme.Indicators.All(i => entries.ContainsKey(i.Code)))
            {
                scores.Add(Scheme.Score(DivisionCode.Parse(village.Key), month, entries));
            }
        }
        return scores;
    }

    private void Write(VillageIndicatorEntryRecord row, Indicator indicator, IndicatorEntry entry)
    {
        (row.ValueKind, row.Value, row.Denominator) = entry.Value switch
        {
            CountValue c => ("count", c.Value, 0),
            RateValue r => ("rate", r.Numerator, r.Denominator),
            FlagValue f => ("flag", f.Value ? 1 : 0, 0),
            _ => throw new AssessmentRuleException("未知的指标值类型 (unknown value kind)"),
        };
        row.Source = entry.Source;
        row.Evidence = entry.Evidence;
        row.EnteredBy = entry.EnteredBy;
        row.Points = indicator.SignedPoints(entry.Value);
        row.UpdatedAt = clock.GetCurrentInstant();
    }

    private static IndicatorEntry ToEntry(VillageIndicatorEntryRecord row)
    {
        var value = row.ValueKind switch
        {
            "rate" => IndicatorValue.Rate(row.Value, row.Denominator),
            "flag" => IndicatorValue.Flag(row.Value != 0),
            _ => IndicatorValue.Count(row.Value),
        };
        return row.Source == ValueSource.Manual
            ? IndicatorEntry.Manual(value, row.Evidence ?? "", row.EnteredBy ?? "")
            : IndicatorEntry.Computed(value, row.Evidence);
    }
}
