using System.Text.RegularExpressions;
using Fengqiao.Text.Common;
using Fengqiao.Text.HotTopics;
using NodaTime;

namespace Fengqiao.Text.Replies;

/// <summary>How serious a flag is: warnings should be looked at, errors block sending without a leader's decision.</summary>
public enum FlagSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>A finding about a reply, with a stable code for the UI and a reason in plain Chinese.</summary>
public sealed record ReplyFlag(string Code, FlagSeverity Severity, string Reason);

/// <summary>What the approving leader sees before a reply goes out.</summary>
public sealed record ReplyCheck(
    int? WorkingDays,
    int? CalendarDays,
    double Relevance,
    bool StatesFacts,
    bool StatesHandling,
    bool CitesBasis,
    bool StatesRemedy,
    IReadOnlyList<ReplyFlag> Flags)
{
    public bool HasErrors => Flags.Any(f => f.Severity == FlagSeverity.Error);
}

/// <summary>Settings for reply checks. Defaults follow the petition regulation and common message-board rules.</summary>
public sealed record ReplyCheckOptions
{
    /// <summary>Working days within which a board reply is expected (many cities promise 15 working days).</summary>
    public int TargetWorkingDays { get; init; } = 15;

    /// <summary>Calendar days for handling a petition (信访工作条例: 60 days) — beyond it the reply is overdue.</summary>
    public int LimitCalendarDays { get; init; } = 60;

    /// <summary>Share of the message's matter terms a reply should take up to count as addressing it.</summary>
    public double MinRelevance { get; init; } = 0.25;

    /// <summary>Replies shorter than this (characters) rarely state facts and handling.</summary>
    public int MinLength { get; init; } = 60;
}

/// <summary>
/// Checks a government reply for timeliness (on a working-day calendar), relevance (does it take up the message's
/// matter and place) and completeness (facts found, handling done, legal basis, the resident's remedy rights).
/// Rules, not a model: every flag must carry a reason the leader can verify by reading the reply.
/// </summary>
public sealed partial class ReplyChecker
{
    private readonly Func<LocalDate, bool> _isWorkingDay;
    private readonly ReplyCheckOptions _options;

    /// <param name="isWorkingDay">Working-day predicate; pass the Chinese holiday calendar when available. Default: Monday–Friday.</param>
    /// <param name="options">Thresholds.</param>
    public ReplyChecker(Func<LocalDate, bool>? isWorkingDay = null, ReplyCheckOptions? options = null)
    {
        _isWorkingDay = isWorkingDay ?? WeekdayCalendar;
        _options = options ?? new ReplyCheckOptions();
    }

    /// <summary>Monday to Friday: the stand-in until the official holiday calendar is plugged in.</summary>
    public static bool WeekdayCalendar(LocalDate d) => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);

    [GeneratedRegex("经查|经核查|经核实|经调查|经了解|调查核实|核查|现场查看|实地查看|情况如下|回复如下|情况是|了解到")]
    private static partial Regex FactsRegex();

    [GeneratedRegex("已经|已责令|责令|已要求|已安排|已协调|已督促|督促|整改|处理|处置|办理|落实|安排|协调|解决|拆除|查处|立案|将于|将进一步|下一步")]
    private static partial Regex HandlingRegex();

    [GeneratedRegex("《[^》]{2,40}》|依据|根据.{0,20}(规定|条例|办法|法|意见|通知|政策)|按照.{0,20}(规定|条例|办法|法|政策)|第[一二三四五六七八九十百零〇\\d]+条")]
    private static partial Regex BasisRegex();

    [GeneratedRegex("复查|复核|行政复议|行政诉讼|提起诉讼|向人民法院|申请仲裁|如不服|如有异议|如对.{0,10}不满意")]
    private static partial Regex RemedyRegex();

    public ReplyCheck Check(CitizenMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Check(message.Title, message.Detail, message.Time, message.Reply ?? string.Empty, message.ReplyTime);
    }

    public ReplyCheck Check(string title, string detail, LocalDateTime? messageTime, string reply, LocalDateTime? replyTime)
    {
        var flags = new List<ReplyFlag>();
        string r = TextNormalizer.Normalize(reply);
        if (r.Length == 0)
        {
            flags.Add(new ReplyFlag("empty", FlagSeverity.Error, "答复内容为空"));
            return new ReplyCheck(null, null, 0, false, false, false, false, flags);
        }

        int? workingDays = null, calendarDays = null;
        if (messageTime is { } mt && replyTime is { } rt)
        {
            if (rt < mt)
            {
                flags.Add(new ReplyFlag("time-order", FlagSeverity.Error, $"答复时间 {rt:yyyy-MM-dd HH:mm} 早于留言时间 {mt:yyyy-MM-dd HH:mm}，请核对"));
            }
            else
            {
                calendarDays = Period.Between(mt.Date, rt.Date, PeriodUnits.Days).Days;
                workingDays = WorkingDaysBetween(mt.Date, rt.Date);
                if (calendarDays > _options.LimitCalendarDays)
                {
                    flags.Add(new ReplyFlag("overdue", FlagSeverity.Error, $"答复用时 {calendarDays} 天，超过 {_options.LimitCalendarDays} 天办理期限"));
                }
                else if (workingDays > _options.TargetWorkingDays)
                {
                    flags.Add(new ReplyFlag("slow", FlagSeverity.Warning, $"答复用时 {workingDays} 个工作日，超过 {_options.TargetWorkingDays} 个工作日的答复时限"));
                }
            }
        }
        else
        {
            flags.Add(new ReplyFlag("no-time", FlagSeverity.Info, "缺少留言时间或答复时间，未检查时效"));
        }

        double relevance = Relevance(title, detail, r, out var missingPlaces);
        if (relevance < _options.MinRelevance)
        {
            flags.Add(new ReplyFlag("off-topic", FlagSeverity.Warning, $"答复与留言事项的关键词重合度仅 {relevance:P0}，可能未针对所反映的问题"));
        }

        if (missingPlaces.Count > 0)
        {
            flags.Add(new ReplyFlag("place-missing", FlagSeverity.Info, $"答复未提及留言中的地点：{string.Join("、", missingPlaces)}"));
        }

        if (r.Length < _options.MinLength)
        {
            flags.Add(new ReplyFlag("too-short", FlagSeverity.Warning, $"答复仅 {r.Length} 字，难以说明事实和处理情况"));
        }

        bool facts = FactsRegex().IsMatch(r);
        bool handling = HandlingRegex().IsMatch(r);
        bool basis = BasisRegex().IsMatch(r);
        bool remedy = RemedyRegex().IsMatch(r);
        if (!facts)
        {
            flags.Add(new ReplyFlag("no-facts", FlagSeverity.Warning, "未说明调查核实的事实（如“经查”“经核实”）"));
        }

        if (!handling)
        {
            flags.Add(new ReplyFlag("no-handling", FlagSeverity.Warning, "未说明处理措施或结果"));
        }

        if (!basis)
        {
            flags.Add(new ReplyFlag("no-basis", FlagSeverity.Info, "未引用政策或法律依据"));
        }

        if (!remedy)
        {
            flags.Add(new ReplyFlag("no-remedy", FlagSeverity.Info, "未告知不服时申请复查、复核或诉讼的途径"));
        }

        return new ReplyCheck(workingDays, calendarDays, relevance, facts, handling, basis, remedy, flags);
    }

    /// <summary>Working days after the message date up to and including the reply date.</summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to)
    {
        int count = 0;
        for (var d = from.PlusDays(1); d <= to; d = d.PlusDays(1))
        {
            if (_isWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private const string GenericBigrams = "关于|问题|反映|请问|咨询|投诉|举报|希望|要求|建议|情况|领导|政府|部门|有关|相关|为何|为什么|什么|何时|能否|是否|怎么|如何";

    /// <summary>Share of the title's Chinese bigrams (generic ones left out) that the reply takes up.</summary>
    private static double Relevance(string title, string detail, string reply, out List<string> missingPlaces)
    {
        var generic = GenericBigrams.Split('|').ToHashSet(StringComparer.Ordinal);
        string t = TextNormalizer.Normalize(title);
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 2 <= t.Length; i++)
        {
            var b = t.Substring(i, 2);
            if (b[0] is >= '\u4e00' and <= '\u9fa5' && b[1] is >= '\u4e00' and <= '\u9fa5' && !generic.Contains(b))
            {
                bigrams.Add(b);
            }
        }

        missingPlaces = PlaceExtractor.NamedPlaces(t + "。" + TextNormalizer.Normalize(detail))
            .Take(3)
            .Where(p => !reply.Contains(p, StringComparison.Ordinal))
            .ToList();
        if (bigrams.Count == 0)
        {
            return 1;
        }

        return (double)bigrams.Count(reply.Contains) / bigrams.Count;
    }
}
