namespace Fengqiao.Testing;

/// <summary>
/// Finds the project's shared real-data folder (`shared/data` beside the checkout) by walking up from the test
/// binaries, or FENGQIAO_SHARED_DATA. Tests that need it skip, saying why, when it is absent.
/// </summary>
public static class SharedData
{
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FENGQIAO_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
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

    /// <summary>The repository root (the folder holding Fengqiao.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fengqiao.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Fengqiao.slnx not found above " + AppContext.BaseDirectory);
    }
}
