using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Portal;

namespace Fengqiao.Core.Mediation;

/// <summary>What the resident chose to apply to (自主选择): a committee, one of its named rooms, or one of its mediators.</summary>
public enum ApplicationTarget
{
    Committee = 1,
    Room = 2,
    Mediator = 3,
}

/// <summary>
/// A resident's online application for people's mediation (网上申请调解), as typed on the portal: the choice as
/// "committee:", "room:" or "mediator:" followed by its id, the applicant and a mobile to reach them, the other party,
/// the kind of dispute and the matter.
/// </summary>
public sealed record MediationApplicationDraft(string? Choice, string? Applicant, string? Phone, string? Respondent, DisputeKind Kind, string? Matter);

/// <summary>
/// The rules of an online application, checked before anything is stored: one choice, names within
/// <see cref="MaxName"/>, an 11-digit mobile, the matter between <see cref="MinMatter"/> and <see cref="MaxMatter"/>
/// characters. Each problem is keyed by its field and reads "中文 (English)".
/// </summary>
public static class MediationApplication
{
    public const int MaxName = CentreReception.MaxName;
    public const int MinMatter = 10;
    /// <summary>Enough for a resident's account of a dispute; the committee records the rest in its sessions. Twice this still fits the portal's form limit.</summary>
    public const int MaxMatter = 2_000;

    public static bool TryParseChoice(string? choice, out ApplicationTarget target, out Guid id)
    {
        id = Guid.Empty;
        var parts = (choice ?? "").Split(':', 2);
        ApplicationTarget? parsed = parts[0] switch
        {
            "committee" => ApplicationTarget.Committee,
            "room" => ApplicationTarget.Room,
            "mediator" => ApplicationTarget.Mediator,
            _ => null,
        };
        target = parsed ?? default;
        return parsed is not null && parts.Length == 2 && Guid.TryParse(parts[1], out id) && id != Guid.Empty;
    }

    public static IReadOnlyDictionary<string, string[]> Validate(MediationApplicationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string[]>();
        if (!TryParseChoice(draft.Choice, out _, out _))
        {
            errors["Choice"] = ["请选择调解委员会、品牌调解室或调解员 (choose a committee, a named room or a mediator)"];
        }
        Name(errors, "Applicant", draft.Applicant, "请填写申请人姓名 (enter your name)");
        Name(errors, "Respondent", draft.Respondent, "请填写对方当事人姓名或名称 (enter the other party's name)");
        if (string.IsNullOrWhiteSpace(draft.Phone) || !PhoneNumber.TryParse(draft.Phone, out var phone, out _) || phone.Value.StartsWith('0'))
        {
            errors["Phone"] = ["请填写 11 位手机号码，调解组织将据此联系您 (enter an 11-digit mobile number so the committee can reach you)"];
        }
        if (!Enum.IsDefined(draft.Kind))
        {
            errors["Kind"] = ["请选择纠纷类型 (choose the kind of dispute)"];
        }
        var matter = draft.Matter?.Trim();
        if (string.IsNullOrEmpty(matter))
        {
            errors["Matter"] = ["请写明纠纷事项 (describe the dispute)"];
        }
        else if (matter.Length < MinMatter)
        {
            errors["Matter"] = [$"纠纷事项至少 {MinMatter} 个字 (at least {MinMatter} characters)"];
        }
        else if (!PublicText.TryCheck(matter, MaxMatter, out var matterError))
        {
            errors["Matter"] = [matter.Length > MaxMatter ? $"纠纷事项不超过 {MaxMatter} 字，现有 {matter.Length} 字 (at most {MaxMatter} characters; this has {matter.Length})" : matterError];
        }
        return errors;
    }

    private static void Name(Dictionary<string, string[]> errors, string field, string? value, string missing)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors[field] = [missing];
        }
        else if (!PublicText.TryCheck(name, MaxName, out var error))
        {
            errors[field] = [name.Length > MaxName ? $"姓名或名称不超过 {MaxName} 字 (at most {MaxName} characters)" : error];
        }
    }
}
