using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Open311;

/// <summary>
/// The window of GET requests (start_date / end_date): ISO-8601 instants with an offset, at most 90 days apart, the
/// spec's defaults when one or both are missing (the 90 days before end_date, end_date defaulting to now).
/// </summary>
public sealed record Open311DateRange(Instant Start, Instant End)
{
    public static readonly Duration MaxSpan = Duration.FromDays(90);

    private static readonly OffsetDateTimePattern[] Patterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.GeneralIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm'Z'"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    public static bool TryParse(string? start, string? end, Instant now, [NotNullWhen(true)] out Open311DateRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        Instant? from = null, to = null;
        if (!string.IsNullOrWhiteSpace(start))
        {
            if (ParseInstant(start) is not { } s)
            {
                error = "start_date 须为带时区的 ISO 8601 时间 (start_date must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00+08:00)";
                return false;
            }
            from = s;
        }
        if (!string.IsNullOrWhiteSpace(end))
        {
            if (ParseInstant(end) is not { } e)
            {
                error = "end_date 须为带时区的 ISO 8601 时间 (end_date must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T00:00:00+08:00)";
                return false;
            }
            to = e;
        }
        var endAt = to ?? (from is { } f && f + MaxSpan < now ? f + MaxSpan : now);
        var startAt = from ?? endAt - MaxSpan;
        if (startAt > endAt)
        {
            error = "start_date 晚于 end_date (start_date is after end_date)";
            return false;
        }
        if (endAt - startAt > MaxSpan)
        {
            error = "查询时间跨度不超过 90 天 (start_date and end_date may be at most 90 days apart)";
            return false;
        }
        range = new Open311DateRange(startAt, endAt);
        error = null;
        return true;
    }

    public bool Contains(Instant instant) => instant >= Start && instant <= End;

    private static Instant? ParseInstant(string text)
    {
        // Clients send "+08:00" unescaped and the query string turns the "+" into a space; no valid date has a space.
        var trimmed = text.Trim().Replace(' ', '+');
        if (trimmed.Length > 40)
        {
            return null;
        }
        foreach (var pattern in Patterns)
        {
            var result = pattern.Parse(trimmed);
            if (result.Success)
            {
                return result.Value.ToInstant();
            }
        }
        return null;
    }
}
