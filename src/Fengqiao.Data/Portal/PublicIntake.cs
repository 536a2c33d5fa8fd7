using Fengqiao.Core;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Places;
using Fengqiao.Core.Portal;
using Fengqiao.Data.Attachments;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Portal;

/// <summary>A photo as uploaded, already buffered so it can be sniffed before anything is stored.</summary>
public sealed record PublicPhoto(string? FileName, Stream Content);

/// <summary>
/// What a resident (portal) or an outside application (Open311) submits. The portal asks for a description and a phone
/// number so the reply reaches the resident; GeoReport v2 makes both optional (<see cref="PhoneOptional"/>,
/// <see cref="DetailOptional"/>), and such a report is registered for an anonymous party (匿名群众) without contact.
/// </summary>
public sealed record PublicSubmission(
    string? CategoryCode,
    string? DivisionCode,
    string? Address,
    string? Title,
    string? Detail,
    string? Name,
    string? Phone,
    bool Urgent,
    IReadOnlyList<PublicPhoto> Photos,
    string? IdempotencyKey,
    CaseChannel Channel,
    Guid? RegisteringUnitId,
    GeoPoint? Point = null,
    bool PlaceIsEstimate = false,
    string? MediaUrl = null,
    bool PhoneOptional = false,
    bool DetailOptional = false);

/// <summary>
/// Turns a public submission into an online case through the normal workflow (登记 with its deadlines, repeat detection
/// and hash chain). Everything that can be refused is checked before the first save, so a refused submission stores
/// nothing: text rules, the place, the category, and every photo's type and size.
/// </summary>
public sealed class PublicIntake(FengqiaoDbContext db, CaseWorkflow workflow, CaseAttachments attachments)
{
    /// <summary>Photos only (JPEG, PNG), small enough for a phone upload: 3 of at most 2 MB.</summary>
    public static readonly AttachmentPolicy PhotoPolicy = new(2 * 1024 * 1024, 3, PhotosOnly: true);

    public const int MaxTitle = TextLimits.Title;
    public const int MaxDetail = TextLimits.PublicDetail;

    /// <summary>The categories a resident chooses from: the two upper levels of the catalogue (the clerk refines later).</summary>
    public Task<List<Categories.Category>> CategoriesAsync(CancellationToken cancellationToken = default) =>
        db.Categories.AsNoTracking().Where(c => c.Level <= 2).ToListAsync(cancellationToken);

    /// <summary>Registers the submission on behalf of the place's petition bureau: the resident or client has no account.</summary>
    public async Task<IntakeResult> SubmitAsync(PublicSubmission submission, string actor, CancellationToken cancellationToken = default)
    {
        using var forThePublic = db.OnBehalfOfThePublic();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        foreach (var (field, text, max) in new[]
                 {
                     ("Title", submission.Title, MaxTitle), ("Detail", submission.Detail, MaxDetail), ("Address", submission.Address, 200),
                     ("Name", submission.Name, 50), ("Phone", submission.Phone, 20), ("CategoryCode", submission.CategoryCode, 12), ("DivisionCode", submission.DivisionCode, 12),
                 })
        {
            if (!PublicText.TryCheck(text, max, out var error))
            {
                Add(field, error);
            }
        }
        if (string.IsNullOrWhiteSpace(submission.CategoryCode))
        {
            Add("CategoryCode", "请选择事项分类 (choose a category)");
        }
        if (string.IsNullOrWhiteSpace(submission.Detail) && !submission.DetailOptional)
        {
            Add("Detail", "请描述您的诉求 (describe your request)");
        }
        if (string.IsNullOrWhiteSpace(submission.Phone) && !submission.PhoneOptional)
        {
            Add("Phone", "请填写手机号码，以便答复 (give a mobile number so the reply can reach you)");
        }
        if (submission.Photos.Count > PhotoPolicy.MaxPerCase)
        {
            Add("Photos", $"最多上传 {PhotoPolicy.MaxPerCase} 张照片 (at most {PhotoPolicy.MaxPerCase} photos)");
        }
        else
        {
            foreach (var photo in submission.Photos)
            {
                var head = new byte[8];
                photo.Content.Position = 0;
                var read = await photo.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                photo.Content.Position = 0;
                if (!PhotoPolicy.TryAccept(photo.FileName, head.AsSpan(0, read), photo.Content.Length, 0, out _, out var error))
                {
                    Add("Photos", $"{Path.GetFileName(photo.FileName)}: {error}");
                }
            }
        }

        Guid? unit = submission.RegisteringUnitId;
        if (unit is null && DivisionCode.TryParse(submission.DivisionCode, out var place, out _) && place.Level >= DivisionLevel.County)
        {
            unit = await ReceivingUnitAsync(place, cancellationToken);
            if (unit is null)
            {
                Add("DivisionCode", "该地点不在本平台受理范围内 (this place is not served by this platform)");
            }
        }
        if (errors.Count > 0)
        {
            // Field errors of the workflow (place, category, phone format) join these, so the resident sees them all at once.
            var workflowErrors = await WorkflowErrorsAsync(submission, unit, cancellationToken);
            foreach (var (field, messages) in workflowErrors)
            {
                foreach (var message in messages.Where(m => !errors.ContainsKey(field)))
                {
                    Add(field, message);
                }
            }
            throw new CaseValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var request = ToNewCase(submission, unit ?? Guid.Empty);
        IntakeResult result;
        try
        {
            result = await workflow.RegisterAsync(request, actor, cancellationToken);
        }
        catch (CaseValidationException ex)
        {
            throw new CaseValidationException(Rename(ex.Errors));
        }
        if (!result.Replayed)
        {
            foreach (var photo in submission.Photos)
            {
                photo.Content.Position = 0;
                await attachments.AddAsync(result.Case.TrackingCode, photo.FileName, photo.Content, actor, cancellationToken);
            }
        }
        return result;
    }

    /// <summary>The petition bureau (信访局) of the place's district or county receives public submissions; failing that, its government.</summary>
    public async Task<Guid?> ReceivingUnitAsync(DivisionCode place, CancellationToken cancellationToken = default)
    {
        var county = place.Value[..6];
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.DivisionCode == county && (u.Kind == UnitKind.PetitionBureau || u.Kind == UnitKind.Government))
            .Select(u => new { u.Id, u.Kind })
            .ToListAsync(cancellationToken);
        return units.OrderBy(u => u.Kind == UnitKind.PetitionBureau ? 0 : 1).Select(u => (Guid?)u.Id).FirstOrDefault();
    }

    private async Task<IReadOnlyDictionary<string, string[]>> WorkflowErrorsAsync(PublicSubmission submission, Guid? unit, CancellationToken cancellationToken)
    {
        // Only the cheap, read-only checks: an invalid submission must never reach the save.
        var errors = new Dictionary<string, string[]>();
        if (!DivisionCode.TryParse(submission.DivisionCode, out var code, out var codeError))
        {
            errors["DivisionCode"] = [codeError];
        }
        else if (code.Level < DivisionLevel.County || !await db.Divisions.AnyAsync(d => d.Code == code.Value, cancellationToken))
        {
            errors["DivisionCode"] = [$"区划 {code} 不存在 (division {code} does not exist)"];
        }
        if (!string.IsNullOrWhiteSpace(submission.CategoryCode) && submission.CategoryCode.Length <= 12
            && !await db.Categories.AnyAsync(c => c.Code == submission.CategoryCode.Trim(), cancellationToken))
        {
            errors["CategoryCode"] = [$"事项分类 {submission.CategoryCode} 不存在 (category {submission.CategoryCode} does not exist)"];
        }
        if (!string.IsNullOrWhiteSpace(submission.Phone) && !PhoneNumber.TryParse(submission.Phone, out _, out var phoneError))
        {
            errors["Phone"] = [phoneError];
        }
        _ = unit;
        return errors;
    }

    private static NewCase ToNewCase(PublicSubmission s, Guid unit)
    {
        var title = string.IsNullOrWhiteSpace(s.Title) ? TitleFrom(s.Detail) : s.Title.Trim();
        var name = string.IsNullOrWhiteSpace(s.Name) ? "匿名群众" : s.Name.Trim();
        return new NewCase(CaseKind.Petition, s.Channel, title, s.Detail, s.DivisionCode?.Trim(), s.Address, s.CategoryCode?.Trim(), s.Urgent,
            [new NewParty(name, null, s.Phone, false)], null, unit, null, null, s.IdempotencyKey, s.Point, s.PlaceIsEstimate, s.MediaUrl,
            ContactOptional: s.PhoneOptional);
    }

    /// <summary>The first sentence of the description, at most 40 characters: the headline staff see in the queue.</summary>
    public static string TitleFrom(string? detail)
    {
        var text = (detail ?? "").Trim();
        var end = text.IndexOfAny(['。', '！', '？', '.', '!', '?', '\n']);
        var sentence = end > 0 ? text[..end] : text;
        return sentence.Length > 40 ? sentence[..40] + "…" : sentence;
    }

    /// <summary>The workflow names its party fields Parties[0].X; the public forms call them Name and Phone.</summary>
    private static Dictionary<string, string[]> Rename(IReadOnlyDictionary<string, string[]> errors) =>
        errors.GroupBy(e => e.Key switch
        {
            "Parties[0].Phone" or "Parties[0]" => "Phone",
            "Parties[0].Name" => "Name",
            var other => other,
        }).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
}
