using System.Globalization;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// CPU seconds (user + system) used so far by a process, or by a PostgreSQL postmaster's live children, read from
/// /proc (Linux). Used to say where the cores went during the intake run.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static double Of(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null ? double.NaN : (stat.Value.UTime + stat.Value.STime) / TicksPerSecond;
    }

    /// <summary>The postmaster's own CPU plus its live children (backends, WAL writer, checkpointer …).</summary>
    public static double OfTree(int parentPid)
    {
        var total = Of(parentPid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } s && s.PPid == parentPid)
            {
                total += (s.UTime + s.STime) / TicksPerSecond;
            }
        }
        return total;
    }

    private static (int PPid, long UTime, long STime)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may contain spaces.
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(rest[1], CultureInfo.InvariantCulture), long.Parse(rest[11], CultureInfo.InvariantCulture), long.Parse(rest[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
