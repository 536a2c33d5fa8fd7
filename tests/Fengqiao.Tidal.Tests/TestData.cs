namespace Fengqiao.Tidal.Tests;

/// <summary>Locates the bundled samples and, when present, the shared incident data.</summary>
internal static class TestData
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    /// <summary>The shared data folder (holding README.md), or null: from FENGQIAO_SHARED_DATA, else by walking up for shared/data/README.md.</summary>
    public static string? SharedDataFolder()
    {
        var env = Environment.GetEnvironmentVariable("FENGQIAO_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "README.md")))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Path of a shared incident file, or skips the calling test with the reason.</summary>
    public static string SharedIncidentFile(string name)
    {
        var folder = SharedDataFolder();
        var path = folder is null ? null : Path.Combine(folder, "incidents", name);
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"shared data not found: incidents/{name} (set FENGQIAO_SHARED_DATA to the shared data folder)");
        }

        return path!;
    }
}
