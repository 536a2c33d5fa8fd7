using System.Globalization;
using System.Text;
using NodaTime;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Export;

/// <summary>
/// RFC 5545 iCalendar for a roster: one VEVENT per shift (and per key-post stint), local "floating" times because
/// duty times are the district's wall-clock times; CRLF line ends and 75-octet folding as the RFC requires.
/// </summary>
public static class RosterCalendarExporter
{
    /// <summary>Calendar for all officers, or for one when <paramref name="officerId"/> is given.</summary>
    public static string ToICalendar(RosterProblem problem, Roster roster, string? officerId = null, Instant? stamp = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var dtStamp = (stamp ?? Instant.FromUtc(2000, 1, 1, 0, 0)).ToString("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var posts = problem.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var sb = new StringBuilder();
        void Line(string s) => Fold(sb, s);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Fengqiao//Tidal duty planner//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:" + Escape(officerId is null ? "勤务排班 roster" : $"勤务排班 {officerId}"));
        foreach (var d in roster.Duties.Where(d => officerId is null || d.OfficerId == officerId).OrderBy(d => d.StartHourOfWeek))
        {
            var start = RosterExcelExporter.At(problem.WeekStart, d.StartHourOfWeek);
            Line("BEGIN:VEVENT");
            Line(string.Create(CultureInfo.InvariantCulture, $"UID:{d.OfficerId}-{d.StartHourOfWeek}@{problem.WeekStart:uuuuMMdd}.tidal.fengqiao"));
            Line("DTSTAMP:" + dtStamp);
            Line("DTSTART:" + Format(start));
            Line("DTEND:" + Format(start.PlusHours(d.LengthHours)));
            Line("SUMMARY:" + Escape($"勤务 duty {d.Area} ({d.OfficerId})"));
            Line("LOCATION:" + Escape(d.Area));
            Line("END:VEVENT");
        }

        foreach (var p in roster.PostDuties.Where(p => officerId is null || p.OfficerId == officerId).OrderBy(p => p.FromHourOfWeek))
        {
            var post = posts.GetValueOrDefault(p.PostId);
            Line("BEGIN:VEVENT");
            Line(string.Create(CultureInfo.InvariantCulture, $"UID:{p.OfficerId}-{p.PostId}-{p.FromHourOfWeek}@{problem.WeekStart:uuuuMMdd}.tidal.fengqiao"));
            Line("DTSTAMP:" + dtStamp);
            Line("DTSTART:" + Format(RosterExcelExporter.At(problem.WeekStart, p.FromHourOfWeek)));
            Line("DTEND:" + Format(RosterExcelExporter.At(problem.WeekStart, p.ToHourOfWeek)));
            Line("SUMMARY:" + Escape($"重点驻警 post {post?.Name ?? p.PostId} ({p.OfficerId})"));
            Line("LOCATION:" + Escape(post?.Area ?? ""));
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return sb.ToString();
    }

    private static string Format(LocalDateTime t) => t.ToString("uuuuMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Writes a content line folded at 75 octets without splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var len = rune.Utf8SequenceLength;
            if (octets + len > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = 74; // continuation lines start with a space
            }

            sb.Append(rune.ToString());
            octets += len;
        }

        sb.Append("\r\n");
    }
}
