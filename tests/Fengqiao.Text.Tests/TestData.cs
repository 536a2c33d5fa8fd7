namespace Fengqiao.Text.Tests;

/// <summary>Locates shipped samples and, when present, the project's shared real data.</summary>
internal static class TestData
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    /// <summary>The shared messages folder, or null: FENGQIAO_SHARED_DATA, else a parent folder holding shared/data/README.md.</summary>
    public static string? SharedMessages()
    {
        var env = Environment.GetEnvironmentVariable("FENGQIAO_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "README.md")))
        {
            return Path.Combine(env, "messages");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return Path.Combine(candidate, "messages");
            }
        }

        return null;
    }

    public static string RequireShared()
    {
        var path = SharedMessages();
        if (path is null)
        {
            Assert.Skip("shared data not found (set FENGQIAO_SHARED_DATA to the shared data folder); this real-data check is skipped");
        }

        return path!;
    }
}
