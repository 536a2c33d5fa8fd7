using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fengqiao.Text.Common;

namespace Fengqiao.Bench.Cases;

/// <summary>
/// What the load generator's residents write. By default the real message-board messages of the shared data
/// (hot_topic_messages.csv: 4,326 messages, 532 of their writers wrote more than once), so the near-duplicate index,
/// the same-person lookup and the row sizes see the texts and the repeat writers of a real district. Submissions walk
/// the file in a shuffled order; on each pass through it a writer is one person (name and mobile), so repeat
/// petitioners repeat as often as in the data, and a long run or repeated runs against one database do not pile up
/// one person's history. <c>--synthetic</c> keeps the earlier six titles with
/// random phones, to compare with figures measured before.
/// </summary>
internal sealed class IntakeMatters
{
    private static readonly string[] Titles = ["小区电梯长期故障", "工地拖欠农民工工资", "夜间施工噪音扰民", "邻里宅基地界址纠纷", "超市销售过期食品", "社保关系转移办理缓慢"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "桂兰", "海燕", "国华", "丽娟", "文斌", "春梅", "德明", "晓东", "玉珍"];

    private readonly List<CitizenMessage>? _messages;
    private readonly string _run;

    private IntakeMatters(List<CitizenMessage>? messages, string run, string description)
    {
        _messages = messages;
        _run = run;
        Description = description;
        if (messages is not null)
        {
            new Random(run.GetHashCode(StringComparison.Ordinal)).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(messages));
        }
    }

    public string Description { get; }

    /// <param name="path">A message-board CSV; null finds the shared data's hot-topic file, "synthetic" takes the six titles.</param>
    public static IntakeMatters Load(string? path, string run)
    {
        if (path == "synthetic")
        {
            return new IntakeMatters(null, run, "6 synthetic titles, random phones (--synthetic)");
        }
        path ??= SharedFile();
        if (path is null)
        {
            Console.Error.WriteLine("shared data not found (set FENGQIAO_SHARED_DATA or pass --messages): using the 6 synthetic titles instead of real messages");
            return new IntakeMatters(null, run, "6 synthetic titles, random phones (shared data not found)");
        }
        var messages = CitizenMessageCsv.LoadFile(path).Messages
            .Select(m => m with { Title = m.Title.Trim(), Detail = m.Detail.Trim() })
            .Where(m => m.Title.Length is > 0 and <= 200 && m.Detail.Length <= 20_000)
            .ToList();
        var writers = messages.GroupBy(m => m.User).Count(g => g.Count() > 1);
        return new IntakeMatters(messages, run,
            string.Create(CultureInfo.InvariantCulture, $"{messages.Count:N0} real messages from {Path.GetFileName(path)} (mean {messages.Average(m => m.Title.Length + m.Detail.Length):F0} characters; {writers} writers with more than one)"));
    }

    /// <summary>Title, detail, name and mobile of submission number <paramref name="n"/> of the run.</summary>
    public (string Title, string Detail, string Name, string Phone) Next(long n, Random random)
    {
        if (_messages is null)
        {
            var phone = string.Create(CultureInfo.InvariantCulture, $"13{random.Next(0, 10)}{random.Next(10_000_000, 100_000_000)}");
            return (Titles[random.Next(Titles.Length)], "群众反映该问题已持续数月，请求尽快协调解决。", Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)], phone);
        }
        var m = _messages[(int)(n % _messages.Count)];
        var pass = n / _messages.Count;
        // The writer's person on this pass: the same user gets the same name and mobile.
        var h = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_run}|{pass}|{m.User}"))));
        var name = Surnames[(int)(h % (ulong)Surnames.Length)] + GivenNames[(int)(h / 16 % (ulong)GivenNames.Length)];
        var mobile = string.Create(CultureInfo.InvariantCulture, $"13{h / 1000 % 10}{10_000_000 + (long)(h / 10_000 % 90_000_000)}");
        return (m.Title, m.Detail, name, mobile);
    }

    private static string? SharedFile()
    {
        var env = Environment.GetEnvironmentVariable("FENGQIAO_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "messages", "hot_topic_messages.csv")))
        {
            return Path.Combine(env, "messages", "hot_topic_messages.csv");
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "messages", "hot_topic_messages.csv");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
