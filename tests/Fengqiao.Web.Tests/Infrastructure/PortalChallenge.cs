using System.Globalization;
using System.Text.RegularExpressions;

namespace Fengqiao.Web.Tests.Infrastructure;

/// <summary>The arithmetic check (算术验证) the public pages ask after repeated failures, read and answered as a person would.</summary>
public static partial class PortalChallenge
{
    /// <summary>The question on a page (HTML-decoded), as left operand, operator and right operand.</summary>
    [GeneratedRegex(@"data-testid=""challenge-question"">(\d+) ([+-]) (\d+) = \?<")]
    public static partial Regex Question();

    public static int Answer(Match question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var left = int.Parse(question.Groups[1].Value, CultureInfo.InvariantCulture);
        var right = int.Parse(question.Groups[3].Value, CultureInfo.InvariantCulture);
        return question.Groups[2].Value == "+" ? left + right : left - right;
    }
}
