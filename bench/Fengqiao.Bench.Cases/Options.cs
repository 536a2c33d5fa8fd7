using System.Globalization;

namespace Fengqiao.Bench.Cases;

/// <summary>--name value pairs and bare --flags.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    options._values[pending] = "true";
                }
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                options._values[pending] = arg;
                pending = null;
            }
        }
        if (pending is not null)
        {
            options._values[pending] = "true";
        }
        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Optional(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string String(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public long Long(string name, long fallback) => _values.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);
}
