using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Fengqiao.Cli.Text;

/// <summary>JSON on stdout for scripts; Chinese kept readable rather than \u-escaped.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Progress bars go to stderr when JSON is asked for, so stdout stays parseable.</summary>
    public static IAnsiConsole Progress(bool json) => json
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;

    /// <summary>
    /// Runs a verb and turns bad input (missing file, unreadable model, empty data, bad option) into one clear line
    /// on stderr and exit code 2 instead of a stack trace.
    /// </summary>
    public static int Guard(Func<int> verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        try
        {
            return verb();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or EndOfStreamException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }

    public static string Percent(double x) => x.ToString("P2", System.Globalization.CultureInfo.InvariantCulture);

    public static string Num(double x, string format = "F4") => x.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
