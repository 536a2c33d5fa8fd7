using Fengqiao.Core.Cases;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.People;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Ledger;
using Fengqiao.Data.Organisations;
using Fengqiao.Data.People;
using Fengqiao.Data.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Seeding;

/// <summary>How much the demo holds: the compact demo the tests copy, or a simulated year for a district to look at.</summary>
public enum DemoScale
{
    Compact = 0,
    Year = 1,
}

/// <summary>
/// The seed's figures for 垦利区's first-time petitions "this year so far" (初信初访): the demo's year reproduces them
/// on the ledger, counted by the ledger's own rule (cases registered in the period; closure within 10 or 20 × 24 h).
/// </summary>
public static class KenliFigures
{
    public const string District = "370505";
    public const decimal OnTheSpot = 0.6465m;
    public const decimal Within10Days = 0.8362m;
    public const decimal Within20Days = 0.9138m;

    /// <summary>The simulated year: from the first day of the month a year before the current one (Beijing) until now.</summary>
    public static Instant YearStart(Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var today = now.InZone(zone).Date;
        return new LocalDate(today.Year, today.Month, 1).PlusMonths(-12).AtStartOfDayInZone(zone).ToInstant();
    }
}

/// <summary>
/// A deterministic year of petition work (模拟一年的信访工作): 垦利区 at a working district's volume and the other
/// districts lightly. Every case is registered and moved through <see cref="CaseFile"/> exactly as the desks do, so its
/// event chain verifies; the steps fall in office hours on working days of the work calendar. The outcomes are dealt
/// from a deck whose counts, added to the cases already in the demo, give the seed's three percentages for 垦利区;
/// handling units are dealt in turn so that every department and town has work each month.
/// </summary>
internal sealed class DemoYearSimulation(FengqiaoDbContext db, CaseRules rules, Security.PersonalDataProtector protector)
{
    private enum Outcome { OnTheSpot, Within10, Within20, Longer, NotAccepted }

    private const int KenliCasesPerMonth = 260;
    private const int OtherCasesPerMonth = 6;
    private const int BatchSize = 150;

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    // The channels of walk-in districts: mostly visits and the online platform (网上信访). 12345 and 12309 cases keep
    // their own hour- and month-based limits and come from their own demo seeders.
    private static readonly (CaseChannel Channel, int Weight)[] Channels =
    [
        (CaseChannel.Visit, 40), (CaseChannel.OnlinePetition, 20), (CaseChannel.Letter, 10), (CaseChannel.GridInspection, 10),
        (CaseChannel.PetitionAgent, 6), (CaseChannel.AppOrVideo, 6), (CaseChannel.OnlineLetter, 6), (CaseChannel.MediaExposure, 2),
    ];

    private static readonly string[] Places = ["幸福小区", "黄河路", "新兴社区", "胜利街", "渤海花园", "和平村", "永安路", "康居小区", "东城市场", "育才路"];

    public sealed record Context(
        Dictionary<string, Unit> Units,
        Dictionary<string, List<Unit>> TownUnits,
        IReadOnlyList<(string Title, string Department, CaseKind Kind)> Matters,
        IReadOnlyDictionary<string, string?> CategoryOfDepartment,
        IReadOnlyList<string> Surnames,
        IReadOnlyList<string> GivenNames,
        Dictionary<string, List<Division>> VillagesByDistrict);

    public async Task<int> SeedAsync(Context context, Instant now, CancellationToken cancellationToken)
    {
        var random = new Random(18_2026);
        var from = KenliFigures.YearStart(now);
        var months = (int)Math.Round((now - from).TotalDays / 30.4);
        var count = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var district in DemoDistricts.All)
            {
                var kenli = district.Code == KenliFigures.District;
                var n = (kenli ? KenliCasesPerMonth : OtherCasesPerMonth) * months;
                var residents = await ResidentsAsync(random, context, district, kenli ? 900 : 40, cancellationToken);
                var times = Enumerable.Range(0, n).Select(_ => RegistrationTime(random, from, now)).Order().ToList();
                if (kenli)
                {
                    await MoveAlongAsync(random, context, district.Code, now, cancellationToken);
                }
                var outcomes = kenli
                    ? await KenliDeckAsync(random, times, from, now, cancellationToken)
                    : Deck(random, times, now, (int)Math.Round(n * 0.55), (int)Math.Round(n * 0.2), (int)Math.Round(n * 0.1));
                // Handling units in turn: the district's departments, and its towns for neighbours' disputes.
                var departments = context.Matters.Select(m => m.Department).Distinct().Select(d => context.Units[$"{district.Code}:{d}"]).ToList();
                var towns = context.TownUnits[district.Code];
                var handlers = departments.Concat(towns).ToList();
                var turn = random.Next(handlers.Count);
                var codes = await ReserveCodesAsync(district.CasePrefix, times, cancellationToken);
                for (var i = 0; i < n; i++)
                {
                    // Only a case that is assigned takes its turn, so the units' shares stay even month by month.
                    var handler = outcomes[i] is Outcome.OnTheSpot or Outcome.NotAccepted ? handlers[turn % handlers.Count] : handlers[turn++ % handlers.Count];
                    var isTown = towns.Contains(handler);
                    var candidates = context.Matters.Where(m => isTown ? m.Kind == CaseKind.Dispute : context.Units[$"{district.Code}:{m.Department}"] == handler).ToList();
                    var matter = candidates[random.Next(candidates.Count)];
                    var resident = residents[random.Next(residents.Count)];
                    if (isTown)
                    {
                        // A town handles disputes of its own villages.
                        var local = residents.Where(r => r.DivisionCode.StartsWith(handler.DivisionCode, StringComparison.Ordinal)).ToList();
                        if (local.Count > 0)
                        {
                            resident = local[random.Next(local.Count)];
                        }
                    }
                    var registering = random.Next(4) == 0 ? towns[random.Next(towns.Count)].Id : context.Units[$"{district.Code}:bureau"].Id;
                    await SimulateCaseAsync(random, codes[i], matter, context.CategoryOfDepartment.GetValueOrDefault(matter.Department), Pick(random), resident, registering, handler.Id,
                        times[i], outcomes[i], now, cancellationToken);
                    count++;
                    if (count % BatchSize == 0)
                    {
                        await SaveAsync(cancellationToken);
                    }
                }
                await SaveAsync(cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        return count;
    }

    /// <summary>
    /// The demo's earlier cases of the district that were only registered (the messages taken in online) are moved
    /// along as the district's clerks would have: accepted, assigned and answered, or still in hand when recent.
    /// </summary>
    private async Task<int> MoveAlongAsync(Random random, Context context, string district, Instant now, CancellationToken cancellationToken)
    {
        var waiting = await db.Cases.Where(c => c.DivisionCode.StartsWith(district) && c.State == CaseState.Registered && c.Channel != CaseChannel.Hotline12345 && c.Channel != CaseChannel.Procuratorate12309)
            .OrderBy(c => c.RegisteredAt).ToListAsync(cancellationToken);
        var departments = context.Matters.Select(m => m.Department).Distinct().Select(d => context.Units[$"{district}:{d}"]).ToList();
        foreach (var record in waiting)
        {
            var events = await db.CaseEvents.Where(e => e.CaseId == record.Id).OrderBy(e => e.Sequence).AsNoTracking().ToListAsync(cancellationToken);
            var file = rules.Replay(record.Id, CaseEventLog.Lifecycle(events));
            var room = now - record.RegisteredAt;
            var roll = random.Next(100);
            var outcome = roll < 55 && room > Duration.FromDays(1) ? Outcome.Within10 : roll < 80 && room > Duration.FromDays(12) ? Outcome.Within20 : Outcome.Longer;
            await AdvanceAsync(random, record, file, record.Kind, departments[random.Next(departments.Count)].Id, outcome, now, cancellationToken);
        }
        await SaveAsync(cancellationToken);
        return waiting.Count;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    // The outcomes for 垦利区: counts chosen so that, with the cases the demo already holds in the year, the ledger shows the seed's rates.
    private async Task<Outcome[]> KenliDeckAsync(Random random, List<Instant> times, Instant from, Instant now, CancellationToken cancellationToken)
    {
        var existing = await KpiQueries.TotalAsync(db, new LedgerFilter(from, now, Area: KenliFigures.District), now, KpiSource.Scan, cancellationToken);
        var total = existing.Registered + times.Count;
        var onTheSpot = (int)Math.Round(total * KenliFigures.OnTheSpot) - existing.OnTheSpot.Numerator;
        var within10 = (int)Math.Round(total * KenliFigures.Within10Days) - existing.ClosedWithin10Days.Numerator;
        var within20 = (int)Math.Round(total * KenliFigures.Within20Days) - existing.ClosedWithin20Days.Numerator;
        return Deck(random, times, now, onTheSpot, within10 - onTheSpot, within20 - within10);
    }

    // Exact counts of each outcome, shuffled; a case too recent to have closed in its window swaps with an older longer one.
    private static Outcome[] Deck(Random random, List<Instant> times, Instant now, int onTheSpot, int within10, int within20)
    {
        var n = times.Count;
        var deck = new Outcome[n];
        var k = 0;
        for (; k < Math.Min(n, onTheSpot); k++) deck[k] = Outcome.OnTheSpot;
        for (var j = 0; j < within10 && k < n; j++) deck[k++] = Outcome.Within10;
        for (var j = 0; j < within20 && k < n; j++) deck[k++] = Outcome.Within20;
        for (; k < n; k++) deck[k] = Outcome.Longer;
        random.Shuffle(deck);
        // Not accepted (不予受理): a small share of the cases that are not finished within 20 days.
        for (var i = 0; i < n; i++)
        {
            if (deck[i] == Outcome.Longer && random.Next(8) == 0)
            {
                deck[i] = Outcome.NotAccepted;
            }
        }
        var swapFrom = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            var room = now - times[i];
            var fits = deck[i] switch
            {
                Outcome.Within10 => room > Duration.FromDays(1),
                Outcome.Within20 => room > Duration.FromDays(12),
                _ => true,
            };
            if (fits)
            {
                continue;
            }
            while (swapFrom < i && (deck[swapFrom] != Outcome.Longer || now - times[swapFrom] < Duration.FromDays(25)))
            {
                swapFrom++;
            }
            if (swapFrom < i)
            {
                (deck[i], deck[swapFrom]) = (deck[swapFrom], deck[i]);
            }
        }
        return deck;
    }

    private static CaseChannel Pick(Random random)
    {
        var roll = random.Next(Channels.Sum(c => c.Weight));
        foreach (var (channel, weight) in Channels)
        {
            if ((roll -= weight) < 0)
            {
                return channel;
            }
        }
        return CaseChannel.Visit;
    }

    // Office hours on a working day mostly; online channels come in at any hour, which the spread keeps.
    private Instant RegistrationTime(Random random, Instant from, Instant now)
    {
        var span = (now - from).TotalMinutes - 60;
        var at = from + Duration.FromMinutes(random.NextDouble() * span);
        return random.Next(5) == 0 ? at : OfficeHours(random, at, now);
    }

    // The instant moved into office hours (08:30–17:30) of the same or next working day, when that is before the bound.
    private Instant OfficeHours(Random random, Instant at, Instant bound)
    {
        var local = at.InZone(Zone).LocalDateTime;
        var date = local.Date;
        var minute = local.TimeOfDay.Hour * 60 + local.TimeOfDay.Minute;
        if (minute > 17 * 60 + 30 || !rules.Calendar.IsWorkingDay(date))
        {
            date = rules.Calendar.NextWorkingDayOnOrAfter(date.PlusDays(1));
            minute = 8 * 60 + 30 + random.Next(180);
        }
        else if (minute < 8 * 60 + 30)
        {
            minute = 8 * 60 + 30 + random.Next(120);
        }
        var moved = date.At(new LocalTime(minute / 60, minute % 60)).InZoneLeniently(Zone).ToInstant();
        return moved < bound ? moved : at;
    }

    private async Task<List<Resident>> ResidentsAsync(Random random, Context context, DemoDistricts.District district, int count, CancellationToken cancellationToken)
    {
        var villages = context.VillagesByDistrict[district.Code];
        var residents = new List<Resident>(count);
        for (var i = 0; i < count; i++)
        {
            var birth = new LocalDate(1945 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28));
            var name = context.Surnames[random.Next(context.Surnames.Count)] + context.GivenNames[random.Next(context.GivenNames.Count)];
            var idNumber = ResidentIdNumber.Create(district.Code, birth, random.Next(1, 999)).Value;
            var phone = $"1{3 + random.Next(6)}{random.Next(100_000_000, 999_999_999)}";
            residents.Add(new Resident { Name = name, DivisionCode = villages[random.Next(villages.Count)].Code }.Protect(protector, idNumber, phone));
        }
        db.Residents.AddRange(residents);
        await SaveAsync(cancellationToken);
        return residents;
    }

    // Tracking codes in registration order within each year, reserved a year at a time.
    private async Task<string[]> ReserveCodesAsync(string prefix, List<Instant> times, CancellationToken cancellationToken)
    {
        var codes = new string[times.Count];
        foreach (var year in times.Select((t, i) => (Year: t.InUtc().Year, i)).GroupBy(x => x.Year))
        {
            var indexes = year.Select(x => x.i).ToList();
            var last = await CaseCodes.ReserveAsync(db, prefix, year.Key, indexes.Count, cancellationToken);
            var next = last - indexes.Count + 1;
            foreach (var i in indexes)
            {
                codes[i] = CaseCodes.Format(prefix, year.Key, next++);
            }
        }
        return codes;
    }

    private async Task SimulateCaseAsync(Random random, string trackingCode, (string Title, string Department, CaseKind Kind) matter, string? category, CaseChannel channel,
        Resident resident, Guid registeringUnit, Guid handlingUnit, Instant registeredAt, Outcome outcome, Instant now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var title = Places[random.Next(Places.Length)] + matter.Title;
        var policy = rules.PolicyFor(channel, matter.Kind, category);
        var registration = new RegisterCase(id, matter.Kind, channel, category, Urgent: false, registeredAt, "demo-clerk");
        var transition = outcome == Outcome.OnTheSpot
            ? CaseFile.RegisterResolvedOnTheSpot(registration, policy, "现场答复并解决：" + title)
            : CaseFile.Register(registration, policy);
        var record = new CaseRecord
        {
            Id = id,
            TrackingCode = trackingCode,
            QueryCode = CaseCodes.NewQueryCode(),
            Kind = matter.Kind,
            Channel = channel,
            Title = title,
            Detail = $"{resident.Name}反映：{title}，请求有关部门依法处理。",
            CategoryCode = category,
            DivisionCode = resident.DivisionCode,
            RegisteringUnitId = registeringUnit,
            ResidentId = resident.Id,
            RegisteredAt = registeredAt,
            RegisteredBy = "demo-clerk",
            FirstContact = "demo-clerk",
            ProfileCode = policy.Profile.Code,
        };
        db.Cases.Add(record);
        db.CaseParties.Add(new CaseParty { CaseId = id, ResidentId = resident.Id, Name = resident.Name }.WithPersonalDataOf(resident));
        await CaseEventLog.AppendAsync(db, id, transition.Event, cancellationToken);
        var file = transition.Case;
        CaseRowProjection.Apply(record, file, transition.Event);
        if (outcome != Outcome.OnTheSpot)
        {
            await AdvanceAsync(random, record, file, matter.Kind, handlingUnit, outcome, now, cancellationToken);
        }
    }

    // Takes a registered case through its steps towards the outcome, stopping at now.
    private async Task AdvanceAsync(Random random, CaseRecord record, CaseFile file, CaseKind kind, Guid handlingUnit, Outcome outcome, Instant now, CancellationToken cancellationToken)
    {
        var id = record.Id;
        var title = record.Title;
        var registeredAt = record.RegisteredAt;

        // Not accepted (不予受理) within a few working days: a small share of the cases that take long.
        if (outcome == Outcome.NotAccepted)
        {
            var decided = Step(random, registeredAt, registeredAt + Duration.FromDays(5), now);
            if (decided < now)
            {
                await ApplyAsync(new NotAcceptCase(decided, "demo-clerk", "不属于信访受理范围，已告知通过诉讼、仲裁等法定途径解决"));
            }
            return;
        }

        // The closure falls in the outcome's window; a few long cases run past the 60-day limit (逾期), as in any district.
        var (low, high) = outcome switch
        {
            Outcome.Within10 => (Duration.FromHours(6), Duration.FromDays(10) - Duration.FromMinutes(1)),
            Outcome.Within20 => (Duration.FromDays(10) + Duration.FromHours(1), Duration.FromDays(20) - Duration.FromMinutes(1)),
            _ => random.Next(30) == 0 ? (Duration.FromDays(66), Duration.FromDays(80)) : (Duration.FromDays(21), Duration.FromDays(50)),
        };
        var closeAt = ClosingTime(random, registeredAt + low, registeredAt + high);
        var span = closeAt - registeredAt;
        // Acceptance within the first fifth (and the 15-day notice limit), the reply a little before closure: the rating follows it.
        var early = registeredAt + span * 0.45;
        var accepted = Step(random, registeredAt, registeredAt + Min(span * 0.15, Duration.FromDays(10)), early);
        var assigned = Step(random, accepted, accepted + Min(span * 0.1, Duration.FromDays(3)), early);
        var started = Step(random, assigned, assigned + Min(span * 0.1, Duration.FromDays(3)), early);
        var replied = closeAt - Min(span * 0.1, Duration.FromDays(3)) * random.NextDouble() - Duration.FromMinutes(30);
        var mediated = started + (replied - started) * (0.3 + 0.4 * random.NextDouble());
        var submitted = started + (replied - started) * (0.8 + 0.15 * random.NextDouble());
        var rated = replied + (closeAt - replied) * (0.3 + 0.5 * random.NextDouble());
        var rating = random.Next(100) switch { < 86 => CaseRating.Satisfied, < 97 => CaseRating.BasicallySatisfied, _ => CaseRating.Unsatisfied };
        var steps = new List<CaseCommand>
        {
            new AcceptCase(accepted, "demo-clerk"),
            new AssignCase(assigned, "demo-clerk", handlingUnit),
            new StartHandling(started, "demo-handler"),
        };
        if (kind == CaseKind.Dispute)
        {
            steps.Add(new RecordMediationSession(mediated, "demo-mediator", "人民调解员", "双方到场，陈述意见，达成一致"));
        }
        steps.Add(new SubmitReply(submitted, "demo-handler", $"经调查核实，{title}问题已责成相关单位整改，依据有关规定作出处理；如不服，可在收到本意见之日起30日内申请复查。"));
        steps.Add(new ReplyToCase(replied, "demo-director", "", handlingUnit));
        steps.Add(new RateCase(rated, "demo-resident", rating));
        steps.Add(new CloseCase(closeAt, "demo-clerk"));
        foreach (var step in steps)
        {
            if (step.At >= now)
            {
                break;
            }
            await ApplyAsync(step);
        }

        async Task ApplyAsync(CaseCommand command)
        {
            var next = file.Apply(command);
            await CaseEventLog.AppendAsync(db, id, next.Event, cancellationToken);
            file = next.Case;
            CaseRowProjection.Apply(record, file, next.Event);
        }
    }

    private static Duration Min(Duration a, Duration b) => a < b ? a : b;

    // A step between two instants (at least ten minutes after the first), in office hours when that still comes before the bound.
    private Instant Step(Random random, Instant after, Instant until, Instant bound)
    {
        var at = after + Duration.FromMinutes(10) + (until - after) * random.NextDouble();
        var moved = OfficeHours(random, at, bound);
        return moved > after ? moved : at;
    }

    // The closing instant in office hours within [low, high] when some working time lies there, else anywhere in it.
    private Instant ClosingTime(Random random, Instant low, Instant high)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var at = low + (high - low) * random.NextDouble();
            var moved = OfficeHours(random, at, high);
            if (moved >= low && moved <= high)
            {
                return moved;
            }
        }
        return low + (high - low) * random.NextDouble();
    }
}
