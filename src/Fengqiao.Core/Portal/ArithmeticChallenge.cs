namespace Fengqiao.Core.Portal;

/// <summary>
/// The small sum a client must solve after repeated failures (人机校验): no external service, no image, readable on a
/// cheap phone and by a screen reader. Only the server knows the answer; the web layer keeps it in a protected cookie.
/// </summary>
public sealed record ArithmeticChallenge(int Left, int Right, bool Subtract)
{
    public int Answer => Subtract ? Left - Right : Left + Right;

    public string Question => $"{Left} {(Subtract ? '-' : '+')} {Right} = ?";

    /// <summary>Operands 2..19; a subtraction never goes below zero, so the answer is always a small natural number.</summary>
    public static ArithmeticChallenge Create(Random random)
    {
        var left = random.Next(2, 20);
        var right = random.Next(2, 20);
        var subtract = random.Next(2) == 1;
        return subtract && right > left ? new ArithmeticChallenge(right, left, true) : new ArithmeticChallenge(left, right, subtract);
    }

    /// <summary>True when the typed text is the answer; surrounding spaces and full-width digits (common on Chinese keyboards) are accepted.</summary>
    public static bool IsAnswer(int expected, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 6)
        {
            return false;
        }
        var normalised = new string([.. typed.Trim().Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c)]);
        return int.TryParse(normalised, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value == expected;
    }
}
