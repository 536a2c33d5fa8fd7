using Fengqiao.Core.Cases;

namespace Fengqiao.Core.Open311;

/// <summary>
/// GeoReport v2 knows two statuses. A case is closed once Fengqiao's lifecycle has finished with it: closed (办结),
/// not accepted (不予受理) or transferred out of the system (转送); every other state is still being worked on.
/// A review (复查) reopens the case, and the status follows.
/// </summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string Of(CaseState state) => state is CaseState.Closed or CaseState.NotAccepted or CaseState.Transferred ? Closed : Open;

    public static bool TryParse(string? text, out string? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var lower = text.Trim().ToLowerInvariant();
        if (lower is Open or Closed)
        {
            status = lower;
            return true;
        }
        return false;
    }

    public static IReadOnlyList<CaseState> StatesOf(string status) =>
        [.. Enum.GetValues<CaseState>().Where(s => Of(s) == status)];
}
