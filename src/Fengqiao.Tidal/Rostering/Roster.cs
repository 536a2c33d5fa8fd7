using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>One shift of one officer in one area; hours count from Monday 00:00 and may run past hour 168 (wrapping).</summary>
public sealed record Duty(string OfficerId, string Area, int StartHourOfWeek, int LengthHours)
{
    public int EndHourOfWeek => StartHourOfWeek + LengthHours;

    /// <summary>Day (0 = Monday) the shift starts on.</summary>
    public int Day => StartHourOfWeek / 24;

    public bool Covers(int hourOfWeek)
    {
        var offset = ((hourOfWeek - StartHourOfWeek) % HourOfWeek.Count + HourOfWeek.Count) % HourOfWeek.Count;
        return offset < LengthHours;
    }
}

/// <summary>An officer standing a key post during [From, To) hours-of-week (To may exceed 168).</summary>
public sealed record PostDuty(string OfficerId, string PostId, int FromHourOfWeek, int ToHourOfWeek);

/// <summary>A week's roster: duties and post assignments.</summary>
public sealed record Roster(string Method, IReadOnlyList<Duty> Duties, IReadOnlyList<PostDuty> PostDuties);
