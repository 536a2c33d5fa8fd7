using Fengqiao.Core.Organisations;
using Fengqiao.Core.Outreach;
using Fengqiao.Data.Attachments;
using Fengqiao.Data.Outreach;
using Fengqiao.Data.Tests.Whistles;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Tests.Outreach;

/// <summary>The outreach entry form and its counts on the seeded demo: photos in the file store, every refusal before anything is kept, counts per period and area.</summary>
public sealed class OutreachDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>, IDisposable
{
    private const string Village = "370505001202";

    private readonly string _root = Directory.CreateTempSubdirectory("outreach-photos-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private OutreachDesk Desk(FengqiaoDbContext db) => new(db, new LocalFileStore(_root), TestTime.Clock);

    private static NewOutreachEvent Event(string topic, string area = Village, int count = 85, LocalDate? date = null) =>
        new(OutreachKind.TrafficSafety, OutreachAudience.Elderly, topic, "村委会广场", area, "垦利街道司法所",
            date ?? TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date, count);

    [Fact]
    public async Task An_event_with_two_photos_is_stored_with_their_hashes_and_each_photo_opens_again()
    {
        await using var db = fixture.Database.Context();
        var desk = Desk(db);

        var record = await desk.RecordAsync(Event("老年人防范交通事故宣讲"), [new("现场1.png", new MemoryStream(Png)), new("现场2.jpg", new MemoryStream(Jpeg))], Ct);

        var photos = OutreachDesk.Photos(record);
        Assert.Equal(2, photos.Count);
        Assert.All(photos, p => Assert.Matches("^[0-9a-f]{64}$", p));
        await using var opened = await desk.OpenPhotoAsync(record.Id, photos[0], Ct);
        using var copy = new MemoryStream();
        await opened!.CopyToAsync(copy, Ct);
        Assert.Equal(Png, copy.ToArray());
        Assert.Null(await desk.OpenPhotoAsync(record.Id, new string('0', 64), Ct));
    }

    [Fact]
    public async Task A_refused_report_names_each_bad_field_and_keeps_neither_row_nor_photo()
    {
        await using var db = fixture.Database.Context();
        var before = await db.OutreachEvents.CountAsync(Ct);
        var bad = new NewOutreachEvent(null, OutreachAudience.General, " ", "广场", "370505001", "司法所", TestTime.Now.InUtc().Date.PlusDays(3), -1);

        var refused = await Assert.ThrowsAsync<OutreachValidationException>(() => Desk(db).RecordAsync(bad, [new("合同.pdf", new MemoryStream("%PDF-1.4"u8.ToArray()))], Ct));

        Assert.Equal(["AudienceCount", "Date", "Kind", "Photos", "Topic"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await db.OutreachEvents.CountAsync(Ct));
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Counts_per_period_follow_the_events_and_a_village_account_reports_only_for_its_area()
    {
        await using var db = fixture.Database.Context();
        var desk = Desk(db);
        // An event ten days ago, counted in its month: the desk takes dates of the past year only.
        var day = TestTime.Today.PlusDays(-10);
        var from = day.With(DateAdjusters.StartOfMonth);
        var to = day.With(DateAdjusters.EndOfMonth);
        var before = await desk.TallyAsync(from, to, Ct);

        await desk.RecordAsync(Event("本月普法", count: 40, date: day), [], Ct);
        var after = await desk.TallyAsync(from, to, Ct);

        Assert.Equal(before.Events + 1, after.Events);
        Assert.Equal(before.Audience + 40, after.Audience);
        Assert.Equal(before.EventsWithoutPhotos + 1, after.EventsWithoutPhotos);
        Assert.Equal(before.EventsByKind.GetValueOrDefault(OutreachKind.TrafficSafety) + 1, after.EventsByKind[OutreachKind.TrafficSafety]);

        await using var village = fixture.Database.Context(new FixedScope(new AccessScope(ScopeKind.Area, null, DivisionCode.Parse(Village), "grid")));
        var elsewhere = await Assert.ThrowsAsync<OutreachValidationException>(() => Desk(village).RecordAsync(Event("别处的活动", area: "370505001201"), [], Ct));
        Assert.Contains("DivisionCode", elsewhere.Errors.Keys);
    }
}
