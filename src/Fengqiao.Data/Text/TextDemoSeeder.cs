using System.IO.Compression;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Text.Common;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Text;

/// <summary>
/// Demo cases from real citizen messages (Reference/messages/hot_topic_sample.csv.gz: the messages of the nine
/// hottest topics of the shared message-board data and 60 others), registered through intake online in 垦利区 so the
/// dashboard's hot topics, the repeat flag and the same-matter hints have something true to show. The messages'
/// own times are spread over the last 85 days in their original order; each writer becomes one resident (a
/// stable phone number per user), so people who wrote twice are repeat petitioners.
/// </summary>
public sealed class TextDemoSeeder(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector)
{
    public static string ShippedFile => Path.Combine(AppContext.BaseDirectory, "Reference", "messages", "hot_topic_sample.csv.gz");

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["建华", "秀兰", "志刚", "丽华", "海涛", "国庆", "美玲", "文军", "玉兰", "俊峰", "红梅", "晓明"];

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ShippedFile))
        {
            return 0;
        }
        IReadOnlyList<CitizenMessage> messages;
        await using (var file = File.OpenRead(ShippedFile))
        using (var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress)))
        {
            messages = [.. CitizenMessageCsv.Load(reader).Messages.Where(m => m.Time is not null && m.Title.Length > 0).OrderBy(m => m.Time).ThenBy(m => m.Id, StringComparer.Ordinal)];
        }
        if (messages.Count == 0)
        {
            return 0;
        }
        var bureau = await db.Units.Where(u => u.Name == "垦利区信访局").Select(u => u.Id).FirstAsync(cancellationToken);
        var villages = await db.Divisions.Where(d => d.Code.StartsWith("370505") && d.Level == DivisionLevel.Village).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var first = messages[0].Time!.Value.InZoneLeniently(TextQueries.Beijing).ToInstant();
        var span = messages[^1].Time!.Value.InZoneLeniently(TextQueries.Beijing).ToInstant() - first;
        // One index for the whole run, so a writer's second message is compared with the first.
        using var matters = new CaseMatterIndex();
        var count = 0;
        foreach (var m in messages)
        {
            var original = m.Time!.Value.InZoneLeniently(TextQueries.Beijing).ToInstant();
            var fraction = span <= Duration.Zero ? 1 : (original - first).TotalTicks / span.TotalTicks;
            var at = now - Duration.FromDays(85) + Duration.FromTicks((long)(fraction * Duration.FromDays(84).TotalTicks));
            var h = StableHash(m.User.Length > 0 ? m.User : m.Id);
            var party = new NewParty(Surnames[h % (uint)Surnames.Length] + GivenNames[h / 16 % (uint)GivenNames.Length], null, "139" + (h % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), false);
            var request = new NewCase(CaseKind.Petition, CaseChannel.OnlinePetition, m.Title.Length > 200 ? m.Title[..200] : m.Title, m.Detail, villages[(int)(h % (uint)villages.Count)],
                null, null, false, [party], null, bureau, "网上信访平台", null, "demo-message-" + m.Id);
            await new CaseWorkflow(db, rules, new FixedClock(at), protector, new KnownReferences(), matters).RegisterAsync(request, "demo-clerk", cancellationToken);
            db.ChangeTracker.Clear();
            count++;
        }
        return count;
    }

    /// <summary>FNV-1a over the characters: the same writer gets the same phone and name on every machine.</summary>
    private static uint StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }

    private sealed class FixedClock(Instant at) : IClock
    {
        public Instant GetCurrentInstant() => at;
    }
}
