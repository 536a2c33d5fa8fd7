using System.Globalization;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Demo;

/// <summary>A patrol area of the demo: a community or village committee (村居) under its street and police station.</summary>
/// <param name="Centre">Schematic position near the city (合成示意坐标), not a surveyed one.</param>
public sealed record DemoArea(string Code, string Name, string Street, string Station, bool Urban, GeoPoint Centre);

/// <summary>A 110 incident category (警情类别) with its dispatch priority (1 = most urgent) and share of calls.</summary>
public sealed record IncidentCategory(string Name, int Priority, double Share);

/// <summary>Which team an officer belongs to and where; the roster itself only needs <see cref="Officer"/>.</summary>
public sealed record DemoOfficer(Officer Officer, string Station);

/// <summary>
/// A synthetic, clearly labelled 克拉玛依区 (650203) demo district for the tidal planner: its communities (GB/T 2260)
/// as patrol areas, 派出所 and the 情指行 centre as units, 110 categories with priorities, incidents whose hour-of-week
/// profile, weekly volume and concentration over areas follow a real pattern (the shipped Houston offences), officers
/// with Chinese names in 交警 / 巡警 / 合成 teams and fixed posts (重点驻警). Everything is drawn from a fixed seed, so
/// the same pattern and end date always give the same data.
/// </summary>
public static class KaramayDemo
{
    public const string DistrictCode = "650203";

    public const string DistrictName = "克拉玛依区";

    /// <summary>The centre that takes every 110 call and dispatches (情报指挥行动中心).</summary>
    public const string CommandCentre = "克拉玛依区公安分局情指行中心";

    public const int Seed = 650203;

    public const int DefaultWeeks = 12;

    /// <summary>The first 警号 of the demo force; officers are numbered on from it.</summary>
    private const int FirstBadge = 653001;

    /// <summary>Incidents a week across the district on an average week (a district of about 300,000 people).</summary>
    public const double IncidentsPerWeek = 1400;

    /// <summary>Share of the district's calls in each village or 团场 area.</summary>
    private const double RuralShare = 0.002;

    private const string Resource = "Fengqiao.Tidal.Demo.karamay-650203.csv";

    private static readonly Lazy<IReadOnlyList<DemoArea>> LoadedAreas = new(LoadAreas);

    /// <summary>The patrol areas, urban communities first (the city centre is busiest), then villages and 团场 quarters.</summary>
    public static IReadOnlyList<DemoArea> Areas => LoadedAreas.Value;

    /// <summary>Police stations (派出所), one per street or town, in code order.</summary>
    public static IReadOnlyList<string> Stations => Areas.Select(a => a.Station).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>110 categories as the 接警 desk classes them; shares sum to 1.</summary>
    public static IReadOnlyList<IncidentCategory> Categories { get; } =
    [
        new("刑事警情", 1, 0.07),
        new("火灾事故", 1, 0.02),
        new("治安警情", 2, 0.18),
        new("交通警情", 2, 0.21),
        new("群众求助", 3, 0.24),
        new("矛盾纠纷", 3, 0.19),
        new("举报投诉", 4, 0.09),
    ];

    /// <summary>
    /// Incidents of the <paramref name="weeks"/> whole weeks before <paramref name="until"/> (00:00 that day, exclusive).
    /// Expected calls per area-hour = weekly volume × the pattern's share of that hour of the week × the area's share,
    /// where the city communities' shares follow the pattern's areas sorted by volume and each village or 团场 area
    /// has a small fixed share; each count is a Poisson draw.
    /// </summary>
    /// <param name="pattern">Real incidents whose timing and concentration the demo copies (never their places or dates).</param>
    public static IReadOnlyList<Incident> Incidents(IReadOnlyList<Incident> pattern, LocalDate until, int weeks = DefaultWeeks, int seed = Seed)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        if (pattern.Count == 0)
        {
            throw new ArgumentException("the pattern needs incidents", nameof(pattern));
        }

        const int H = HourOfWeek.Count;
        var profile = HourProfile(pattern);
        var volumes = WeeklyVolumes(pattern, weeks);
        var areas = Areas;
        var shares = AreaShares(pattern, areas.Count(a => a.Urban));
        // Villages and 团场 quarters are small and spread out: a fifth of the quietest city community each.
        shares = [.. shares.Select(x => x * (1 - (RuralShare * (areas.Count - shares.Length)))), .. Enumerable.Repeat(RuralShare, areas.Count - shares.Length)];
        var random = new Random(seed);
        var start = until.PlusWeeks(-weeks).AtMidnight();
        var result = new List<Incident>();
        for (var w = 0; w < weeks; w++)
        {
            for (var h = 0; h < H; h++)
            {
                // Week w's hour h, counted from the start date's own weekday (the start need not be a Monday).
                var hourStart = start.PlusWeeks(w).PlusHours(h);
                var how = HourOfWeek.Of(hourStart);
                var hourTotal = IncidentsPerWeek * volumes[w] * profile[how];
                for (var a = 0; a < areas.Count; a++)
                {
                    var n = Poisson(random, hourTotal * shares[a]);
                    for (var k = 0; k < n; k++)
                    {
                        var category = PickCategory(random, hourStart.Hour);
                        var at = hourStart.PlusMinutes(random.Next(60));
                        var c = areas[a].Centre;
                        var place = new GeoPoint(c.Latitude + ((random.NextDouble() - 0.5) * 0.006), c.Longitude + ((random.NextDouble() - 0.5) * 0.008));
                        result.Add(new Incident(at, areas[a].Name, category.Name, category.Priority, null, place));
                    }
                }
            }
        }

        result.Sort((x, y) => x.Time.CompareTo(y.Time));
        return result;
    }

    /// <summary>Hours before the current one in which the demo's live day runs hot in one area (a crowd, a market day).</summary>
    public const int LiveSurgeHours = 3;

    /// <summary>
    /// Today's calls so far for the 情指行 centre's live view: the incidents of <paramref name="now"/>'s day up to
    /// <paramref name="now"/>, drawn like <see cref="Incidents"/> (one seed per hour of that date, so an hour keeps its
    /// calls as the day goes on), and in the last <see cref="LiveSurgeHours"/> hours one of the three busiest areas
    /// (which one depends on the date) running at about three times its usual rate and at least two calls an hour, so
    /// the demo always has calls and an area that runs hot.
    /// </summary>
    public static IReadOnlyList<Incident> LiveDay(IReadOnlyList<Incident> pattern, LocalDateTime now, int seed = Seed)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Count == 0)
        {
            throw new ArgumentException("the pattern needs incidents", nameof(pattern));
        }

        var profile = HourProfile(pattern);
        var areas = Areas;
        var shares = AreaShares(pattern, areas.Count(a => a.Urban));
        shares = [.. shares.Select(x => x * (1 - (RuralShare * (areas.Count - shares.Length)))), .. Enumerable.Repeat(RuralShare, areas.Count - shares.Length)];
        var date = now.Date;
        var dateSeed = seed + (date.Year * 1000) + date.DayOfYear;
        var hotArea = date.DayOfYear % 3;
        var result = new List<Incident>();
        for (var hour = 0; hour <= now.Hour; hour++)
        {
            var hourStart = date.At(new LocalTime(hour, 0));
            var hourTotal = IncidentsPerWeek * profile[HourOfWeek.Of(hourStart)];
            var surge = now.Hour - hour < LiveSurgeHours;
            var random = new Random(unchecked((dateSeed * 31) + hour));
            var extra = new Random(unchecked((dateSeed * 37) + hour));
            for (var a = 0; a < areas.Count; a++)
            {
                var n = Poisson(random, hourTotal * shares[a]);
                // The surge's calls of the current hour fall before now, so the area runs hot from the hour's start.
                var hot = surge && a == hotArea ? 2 + Poisson(extra, 2 * hourTotal * shares[a]) : 0;
                for (var k = 0; k < n + hot; k++)
                {
                    var category = PickCategory(random, hour);
                    var at = hourStart.PlusMinutes(k >= n && hour == now.Hour ? extra.Next(now.Minute + 1) : random.Next(60));
                    var c = areas[a].Centre;
                    var place = new GeoPoint(c.Latitude + ((random.NextDouble() - 0.5) * 0.006), c.Longitude + ((random.NextDouble() - 0.5) * 0.008));
                    if (at <= now)
                    {
                        result.Add(new Incident(at, areas[a].Name, category.Name, category.Priority, null, place));
                    }
                }
            }
        }

        result.Sort((x, y) => x.Time.CompareTo(y.Time));
        return result;
    }

    /// <summary>
    /// The first <paramref name="count"/> officers of the district's force: about 70 % 巡警, 10 % 交警 and 20 % 合成
    /// (交巡警合一), spread over the stations, with a few requested days off (请休). Ids are 警号 (six digits).
    /// </summary>
    public static IReadOnlyList<DemoOfficer> Officers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var traffic = (int)Math.Round(count * 0.10);
        var combined = (int)Math.Round(count * 0.20);
        var names = Names(count);
        var stations = Stations;
        var result = new List<DemoOfficer>(count);
        for (var i = 0; i < count; i++)
        {
            var skill = i < count - traffic - combined ? Skill.Patrol : i < count - combined ? Skill.Traffic : Skill.Combined;
            var off = i < Requests.Length ? Requests[i] : null;
            var id = (FirstBadge + i).ToString(CultureInfo.InvariantCulture);
            result.Add(new DemoOfficer(new Officer(id, names[i], skill, 48, off), stations[i % stations.Count]));
        }

        return result;
    }

    /// <summary>The 派出所 a demo officer belongs to, from the 警号 <see cref="Officers"/> gives; null for anyone else.</summary>
    public static string? StationOf(string officerId)
    {
        if (!int.TryParse(officerId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < FirstBadge)
        {
            return null;
        }

        var stations = Stations;
        return stations[(number - FirstBadge) % stations.Count];
    }

    /// <summary>
    /// Fixed posts (重点驻警) placed in the planned areas, busiest first: 护学岗 at six schools on school days (the
    /// 7:30–8:30 and 16:30–17:30 windows, held for the whole hours around them since the roster is hourly), two
    /// hospitals, a morning market and a night market, and the railway station.
    /// </summary>
    public static IReadOnlyList<KeyPost> Posts(IReadOnlyList<string> planAreas)
    {
        ArgumentNullException.ThrowIfNull(planAreas);
        if (planAreas.Count == 0)
        {
            return [];
        }

        string At(int i) => planAreas[i % planAreas.Count];
        IsoDayOfWeek[] schoolDays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        IsoDayOfWeek[] everyDay = [.. schoolDays, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
        string[] schools = ["第一小学", "第七小学", "第十小学", "第九中学", "第十三中学", "高级中学"];
        var posts = new List<KeyPost>();
        for (var i = 0; i < schools.Length; i++)
        {
            posts.Add(new KeyPost($"护学岗{i + 1:D2}上学", $"护学岗·{schools[i]}（上学 7:30–8:30）", At(i * 2), KeySiteKind.School, schoolDays, 7, 9));
            posts.Add(new KeyPost($"护学岗{i + 1:D2}放学", $"护学岗·{schools[i]}（放学 16:30–17:30）", At(i * 2), KeySiteKind.School, schoolDays, 16, 18));
        }

        posts.Add(new KeyPost("医院01", "驻警·中心医院", At(1), KeySiteKind.Hospital, everyDay, 8, 20));
        posts.Add(new KeyPost("医院02", "驻警·人民医院", At(3), KeySiteKind.Hospital, everyDay, 8, 20));
        posts.Add(new KeyPost("市场01", "驻警·农贸市场早市", At(4), KeySiteKind.Market, everyDay, 6, 10));
        posts.Add(new KeyPost("市场02", "驻警·夜市", At(5), KeySiteKind.NightMarket, [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], 19, 24));
        posts.Add(new KeyPost("车站01", "驻警·克拉玛依火车站", At(6), KeySiteKind.Other, everyDay, 8, 22));
        return posts;
    }

    /// <summary>The scenario with the district's own force and posts in place of the generic ones.</summary>
    public static PlanScenario Apply(PlanScenario scenario, int officers)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var force = Officers(officers);
        return scenario with
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"karamay-{scenario.Areas.Count}x168x{officers}"),
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"{DistrictName}（{DistrictCode}）合成演示数据：{scenario.Areas.Count} 个片区，{officers} 名警力（巡警、交警、合成），护学岗、医院、市场、火车站驻警。"),
            OfficerGroups = [],
            Officers = force.Select(o => o.Officer).ToList(),
            Posts = Posts(scenario.Areas),
        };
    }

    /// <summary>Share of the pattern's incidents in each hour of the week (168 values summing to 1).</summary>
    internal static double[] HourProfile(IReadOnlyList<Incident> pattern)
    {
        var counts = new double[HourOfWeek.Count];
        foreach (var i in pattern)
        {
            counts[HourOfWeek.Of(i.Time)]++;
        }

        var total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }

    /// <summary>The pattern's last whole weeks' totals relative to their mean (its week-to-week swing), repeated if short.</summary>
    internal static double[] WeeklyVolumes(IReadOnlyList<Incident> pattern, int weeks)
    {
        var first = pattern.Min(i => i.Time).Date;
        var totals = pattern.GroupBy(i => Period.Between(first, i.Time.Date, PeriodUnits.Days).Days / 7).OrderBy(g => g.Key).Select(g => (double)g.Count()).ToList();
        var whole = totals.Count > 1 ? totals.Take(totals.Count - 1).ToList() : totals; // the last week is usually partial
        var mean = whole.Average();
        var tail = whole.Skip(Math.Max(0, whole.Count - weeks)).Select(t => t / mean).ToList();
        return Enumerable.Range(0, weeks).Select(w => tail[w % tail.Count]).ToArray();
    }

    /// <summary>Area shares following the pattern's concentration: its areas' shares by rank, stretched over <paramref name="n"/> areas.</summary>
    internal static double[] AreaShares(IReadOnlyList<Incident> pattern, int n)
    {
        var ranked = pattern.GroupBy(i => i.Area, StringComparer.Ordinal).Select(g => (double)g.Count()).OrderByDescending(c => c).ToArray();
        var shares = new double[n];
        for (var r = 0; r < n; r++)
        {
            // Position r of n on the pattern's rank curve, linearly interpolated.
            var x = n == 1 ? 0 : r * (ranked.Length - 1) / (double)(n - 1);
            var lo = (int)Math.Floor(x);
            var hi = Math.Min(ranked.Length - 1, lo + 1);
            shares[r] = ranked[lo] + ((ranked[hi] - ranked[lo]) * (x - lo));
        }

        var total = shares.Sum();
        return shares.Select(s => s / total).ToArray();
    }

    private static IncidentCategory PickCategory(Random random, int hour)
    {
        // Traffic at the rush hours, disputes in the evening, calls for help at night weigh more.
        double Weight(IncidentCategory c) => c.Share * c.Name switch
        {
            "交通警情" when hour is 7 or 8 or 17 or 18 or 19 => 1.8,
            "矛盾纠纷" when hour is >= 19 and <= 23 => 1.5,
            "群众求助" when hour is < 6 => 1.4,
            _ => 1.0,
        };
        var total = Categories.Sum(Weight);
        var x = random.NextDouble() * total;
        foreach (var c in Categories)
        {
            x -= Weight(c);
            if (x < 0)
            {
                return c;
            }
        }

        return Categories[^1];
    }

    /// <summary>Knuth's method; the demo's rates per area-hour are small (well under 30).</summary>
    private static int Poisson(Random random, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static IReadOnlyList<DemoArea> LoadAreas()
    {
        using var stream = typeof(KaramayDemo).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var rows = new List<string[]>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            rows.Add(line.Split(','));
        }

        var streets = rows.Where(r => r[2] == DistrictCode).ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        var committees = rows.Where(r => r[2] != DistrictCode && !r[1].Contains("虚拟", StringComparison.Ordinal)).ToList();
        var shortNames = committees.Select(r => Short(r[1])).ToList();
        var random = new Random(Seed);
        var result = new List<DemoArea>();
        for (var i = 0; i < committees.Count; i++)
        {
            var (code, street) = (committees[i][0], committees[i][2]);
            var streetName = streets[street];
            var name = shortNames.Count(n => n == shortNames[i]) > 1 ? $"{StreetShort(streetName)}{shortNames[i]}" : shortNames[i];
            var urban = streetName.EndsWith("街道", StringComparison.Ordinal);
            var centre = Centre(street, random);
            result.Add(new DemoArea(code, name, streetName, $"{StreetShort(streetName)}派出所", urban, centre));
        }

        // Busiest first in the demo: city communities in a seeded order, then the outlying villages and 团场 quarters.
        return result.Where(a => a.Urban).OrderBy(_ => random.Next()).Concat(result.Where(a => !a.Urban)).ToList();
    }

    private static string Short(string committee) =>
        committee.Replace("居委会", "", StringComparison.Ordinal).Replace("村委会", "", StringComparison.Ordinal);

    private static string StreetShort(string street) =>
        street.Replace("街道", "", StringComparison.Ordinal).Replace("兵团", "", StringComparison.Ordinal).Replace("分部", "", StringComparison.Ordinal);

    /// <summary>Schematic street centres around the city (45.60 N, 84.88 E); villages and 团场 lie further out.</summary>
    private static GeoPoint Centre(string street, Random random)
    {
        var (lat, lon) = street[^3..] switch
        {
            "001" => (45.600, 84.870),
            "002" => (45.592, 84.885),
            "003" => (45.585, 84.868),
            "004" => (45.610, 84.890),
            "006" => (45.560, 84.900),
            "007" => (45.575, 84.905),
            "008" => (45.640, 84.930),
            "200" => (45.930, 85.100),
            "506" => (45.880, 85.150),
            _ => (45.960, 85.050),
        };
        return new GeoPoint(lat + ((random.NextDouble() - 0.5) * 0.012), lon + ((random.NextDouble() - 0.5) * 0.016));
    }

    private static readonly IsoDayOfWeek[][] Requests =
    [
        [IsoDayOfWeek.Saturday], [IsoDayOfWeek.Saturday], [IsoDayOfWeek.Sunday], [IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday],
        [IsoDayOfWeek.Monday], [IsoDayOfWeek.Wednesday], [IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday], [IsoDayOfWeek.Tuesday],
        [IsoDayOfWeek.Thursday], [IsoDayOfWeek.Friday],
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤";

    private static readonly string[] Given =
    [
        "伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "鹏", "辉",
        "建国", "建华", "志强", "志刚", "海燕", "晓东", "晓明", "文博", "子豪", "浩然", "宇航", "嘉怡", "雨婷", "思远", "俊杰",
        "国栋", "立新", "红梅", "永刚", "振华", "雪松", "天佑", "新民", "卫东", "玉兰", "春生", "德胜", "学文", "向阳", "瑞雪",
    ];

    /// <summary>Names of officers from Karamay's mix: mostly Han names, some Uyghur and Kazakh names (维吾尔族、哈萨克族).</summary>
    private static readonly string[] MinorityNames =
    [
        "艾力·买买提", "阿不都·热合曼", "古丽娜尔·艾山", "努尔兰·哈力木", "阿依达娜·别克", "热依拉·吐尔逊", "叶尔兰·努尔", "迪丽拜尔·阿木提",
        "买买提江·依明", "别克·加尔肯", "再努尔·卡德尔", "阿斯哈尔·托合提", "帕提古丽·阿吉", "吐尔洪·艾则孜", "巴合提亚尔·沙比特", "玛依拉·库尔班",
    ];

    /// <summary>Distinct names for <paramref name="count"/> officers, drawn from the seed so officer i is always the same person.</summary>
    private static List<string> Names(int count)
    {
        var random = new Random(Seed + 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>(count);
        var minority = 0;
        while (names.Count < count)
        {
            string name;
            if (names.Count % 9 == 4 && minority < MinorityNames.Length)
            {
                name = MinorityNames[minority++];
            }
            else
            {
                name = $"{Surnames[random.Next(Surnames.Length)]}{Given[random.Next(Given.Length)]}";
            }

            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
