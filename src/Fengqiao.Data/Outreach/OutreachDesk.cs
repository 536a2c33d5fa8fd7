using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Outreach;
using Fengqiao.Data.Attachments;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Outreach;

/// <summary>An outreach event as reported on the entry form (宣传活动登记).</summary>
public sealed record NewOutreachEvent(OutreachKind? Kind, OutreachAudience? Audience, string? Topic, string? Place, string? DivisionCode, string? Organiser,
    LocalDate? Date, int? AudienceCount);

/// <summary>A photo as uploaded: its name and a seekable stream of its bytes.</summary>
public sealed record OutreachPhoto(string? FileName, Stream Content);

/// <summary>Field → messages for a refused report; nothing was stored, not even the photos.</summary>
public sealed class OutreachValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("宣传活动信息有误 (the report has invalid fields): " + string.Join("; ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Outreach events (普法宣传、交通安全宣讲…) over the database: the entry form with photos kept in the attachments
/// file store (content-addressed, so the row keeps each photo's SHA-256), and Core's <see cref="OutreachTally"/> over
/// the events the caller may see ("今年以来开展宣传活动 30 场").
/// </summary>
public sealed class OutreachDesk(FengqiaoDbContext db, IFileStore store, IClock clock)
{
    public const int MaxPhotos = 6;

    /// <summary>Photos only (JPEG or PNG), at most 5 MB each.</summary>
    public static AttachmentPolicy PhotoPolicy { get; } = new(5 * 1024 * 1024, MaxPhotos);

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;

    /// <summary>Checks every field and every photo first; only then are the photos stored and the event saved.</summary>
    public async Task<OutreachEventRecord> RecordAsync(NewOutreachEvent request, IReadOnlyList<OutreachPhoto> photos, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(photos);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Add(nameof(request.Kind), "请选择活动类别 (choose the kind of event)");
        }
        if (request.Audience is not { } audience || !Enum.IsDefined(audience))
        {
            Add(nameof(request.Audience), "请选择宣传对象 (choose the audience)");
        }
        if (string.IsNullOrWhiteSpace(request.Topic) || request.Topic.Trim().Length > 200)
        {
            Add(nameof(request.Topic), "请填写活动主题（不超过 200 字） (the topic is required, at most 200 characters)");
        }
        if (string.IsNullOrWhiteSpace(request.Place) || request.Place.Trim().Length > 200)
        {
            Add(nameof(request.Place), "请填写活动地点（不超过 200 字） (the place is required, at most 200 characters)");
        }
        if (string.IsNullOrWhiteSpace(request.Organiser) || request.Organiser.Trim().Length > 100)
        {
            Add(nameof(request.Organiser), "请填写组织单位（不超过 100 字） (the organiser is required, at most 100 characters)");
        }
        if (request.AudienceCount is not { } count || count < 0 || count > 100_000)
        {
            Add(nameof(request.AudienceCount), "受众人数应为 0–100000 的整数 (the audience count is a whole number from 0 to 100000)");
        }
        if (request.Date is not { } date || date > Today || date < Today.PlusYears(-1))
        {
            Add(nameof(request.Date), "活动日期应在过去一年内且不晚于今天 (the date is within the past year and not in the future)");
        }
        DivisionCode area = default;
        if (!DivisionCode.TryParse(request.DivisionCode, out area, out _) || area.Level < DivisionLevel.County
            || !await db.Divisions.AnyAsync(d => d.Code == area.Value, ct))
        {
            Add(nameof(request.DivisionCode), "请选择活动所在的区县、乡镇（街道）或村（社区） (choose the district, town or village)");
        }
        else if (!db.Scope.SeesAll && (db.Scope.Area is not { } mine || !area.IsWithin(mine)))
        {
            // An event is counted where it was held, and each account reports for its own area only.
            Add(nameof(request.DivisionCode), "只能登记本辖区内的活动 (you can report events in your own area only)");
        }
        if (photos.Count > MaxPhotos)
        {
            Add("Photos", $"最多上传 {MaxPhotos} 张照片 (at most {MaxPhotos} photos)");
        }
        for (var i = 0; i < photos.Count && photos.Count <= MaxPhotos; i++)
        {
            var head = new byte[8];
            photos[i].Content.Position = 0;
            var read = await photos[i].Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            photos[i].Content.Position = 0;
            if (!PhotoPolicy.TryAccept(photos[i].FileName, head.AsSpan(0, read), photos[i].Content.Length, i, out var photoKind, out var error))
            {
                Add("Photos", error);
            }
            else if (photoKind is not (AttachmentKind.Jpeg or AttachmentKind.Png))
            {
                Add("Photos", $"{Path.GetFileName(photos[i].FileName)}：照片应为 JPEG 或 PNG (a photo is a JPEG or PNG image)");
            }
        }
        if (errors.Count > 0)
        {
            throw new OutreachValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var hashes = new List<string>();
        foreach (var photo in photos)
        {
            photo.Content.Position = 0;
            hashes.Add(await store.SaveAsync(photo.Content, ct));
        }
        var outreach = OutreachEvent.Record(Guid.CreateVersion7(), request.Kind!.Value, request.Audience!.Value, request.Topic!, request.Place!, area,
            request.Organiser!, request.Date!.Value, request.AudienceCount!.Value, hashes.Distinct(StringComparer.Ordinal));
        var record = new OutreachEventRecord
        {
            Id = outreach.Id, Kind = outreach.Kind, Audience = outreach.Audience, Topic = outreach.Topic, Place = outreach.Place, DivisionCode = area.Value,
            Organiser = outreach.Organiser, Date = outreach.Date.ToDateOnly(), AudienceCount = outreach.AudienceCount,
            Photos = outreach.Photos.IsEmpty ? null : string.Join('\n', outreach.Photos),
        };
        db.OutreachEvents.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<IReadOnlyList<OutreachEventRecord>> ListAsync(LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        DateOnly f = from.ToDateOnly(), t = to.ToDateOnly();
        return await db.OutreachEvents.AsNoTracking().Where(e => e.Date >= f && e.Date <= t).OrderByDescending(e => e.Date).ThenBy(e => e.Topic).ToListAsync(ct);
    }

    /// <summary>Core's tally of the events the caller may see, dated from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public async Task<OutreachTally> TallyAsync(LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        if (to < from)
        {
            throw new ArgumentException("结束日期早于开始日期 (the period ends before it starts)", nameof(to));
        }
        var rows = await ListAsync(from, to, ct);
        return OutreachTally.Count(rows.Select(ToEvent), from, to);
    }

    /// <summary>A photo of an event the caller may see; null otherwise.</summary>
    public async Task<Stream?> OpenPhotoAsync(Guid eventId, string sha256, CancellationToken ct = default)
    {
        var row = await db.OutreachEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        return row is not null && Photos(row).Contains(sha256, StringComparer.Ordinal) ? store.OpenRead(sha256) : null;
    }

    public static IReadOnlyList<string> Photos(OutreachEventRecord row) => (row.Photos ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static OutreachEvent ToEvent(OutreachEventRecord r) =>
        OutreachEvent.Record(r.Id, r.Kind, r.Audience, r.Topic, r.Place, DivisionCode.Parse(r.DivisionCode), r.Organiser, LocalDate.FromDateOnly(r.Date), r.AudienceCount, Photos(r));
}
