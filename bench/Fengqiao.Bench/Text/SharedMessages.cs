using Fengqiao.Text.Common;
using Fengqiao.Text.Routing;

namespace Fengqiao.Bench.Text;

/// <summary>Finds the shared message files (FENGQIAO_SHARED_DATA or a parent folder with shared/data/README.md).</summary>
internal static class SharedMessages
{
    public static string Folder()
    {
        var env = Environment.GetEnvironmentVariable("FENGQIAO_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "README.md")))
        {
            return Path.Combine(env, "messages");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (File.Exists(Path.Combine(candidate, "README.md")))
                {
                    return Path.Combine(candidate, "messages");
                }
            }
        }

        throw new InvalidOperationException("shared data not found: set FENGQIAO_SHARED_DATA to the shared data folder");
    }

    public static List<string> Texts()
    {
        var dir = Folder();
        var texts = new List<string>();
        foreach (var f in new[] { "hot_topic_messages.csv", "replied_messages.csv", "train_messages.csv" })
        {
            texts.AddRange(CitizenMessageCsv.LoadFile(Path.Combine(dir, f)).Messages.Select(m => m.Title + "。" + m.Detail));
        }

        return texts;
    }

    public static List<LabeledMessage> Labelled(string file) => MessageDataset.LoadFile(Path.Combine(Folder(), file)).Messages.ToList();
}
