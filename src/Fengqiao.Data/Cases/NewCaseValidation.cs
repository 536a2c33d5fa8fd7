using Fengqiao.Core;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Checks a submission before anything is stored: every field's problems at once, as <see cref="CaseValidationException"/>.
/// The rules that are the domain's (ID numbers, phones, 集体访) are Core's; this adds what only the database knows.
/// </summary>
internal static class NewCaseValidation
{
    /// <summary>The submission's place and its parties with ID numbers and phones in their normal form.</summary>
    public static async Task<(string Division, List<NewParty> Parties)> ValidateAsync(FengqiaoDbContext db, KnownReferences known, NewCase request, Instant now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > TextLimits.Title)
        {
            Add(nameof(request.Title), $"请填写诉求事项（不超过 {TextLimits.Title} 字） (the matter is required, at most {TextLimits.Title} characters)");
        }
        if (request.Detail is { Length: > TextLimits.Long })
        {
            Add(nameof(request.Detail), $"诉求内容不超过 {TextLimits.Long} 字 (the detail is limited to {TextLimits.Long} characters)");
        }
        if (!Enum.IsDefined(request.Kind))
        {
            Add(nameof(request.Kind), "案件类型无效 (unknown case kind)");
        }
        if (!Enum.IsDefined(request.Channel))
        {
            Add(nameof(request.Channel), "来源渠道无效 (unknown channel)");
        }
        var division = string.Empty;
        if (string.IsNullOrWhiteSpace(request.DivisionCode))
        {
            // Said as the clerk picks a place, not as the code it is stored as ("区划代码不能为空").
            Add(nameof(request.DivisionCode), "请选择所在街道（乡镇）和村（社区） (choose the street or town and the village or community)");
        }
        else if (!DivisionCode.TryParse(request.DivisionCode, out var code, out var codeError))
        {
            Add(nameof(request.DivisionCode), codeError);
        }
        else if (code.Level < DivisionLevel.County)
        {
            Add(nameof(request.DivisionCode), "地点至少要到区县 (the place must be at least a district or county)");
        }
        else if (!await known.DivisionExistsAsync(db, code.Value, cancellationToken))
        {
            Add(nameof(request.DivisionCode), $"区划 {code} 不存在 (division {code} does not exist)");
        }
        else
        {
            division = code.Value;
        }
        if (!string.IsNullOrWhiteSpace(request.CategoryCode) && !await db.Categories.AnyAsync(c => c.Code == request.CategoryCode.Trim(), cancellationToken))
        {
            Add(nameof(request.CategoryCode), $"事项分类 {request.CategoryCode} 不存在 (category {request.CategoryCode} does not exist)");
        }
        if (!await known.UnitExistsAsync(db, request.RegisteringUnitId, cancellationToken))
        {
            Add(nameof(request.RegisteringUnitId), "登记单位不存在 (the registering unit does not exist)");
        }

        var parties = request.Parties ?? [];
        var today = now.InUtc().Date;
        var normalised = new List<NewParty>();
        if (parties.Count == 0)
        {
            Add(nameof(request.Parties), "至少需要一名信访人 (at least one petitioner is required)");
        }
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            var field = $"Parties[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 50)
            {
                Add(field + ".Name", "请填写姓名（不超过 50 字） (the name is required, at most 50 characters)");
            }
            string? id = null;
            if (!string.IsNullOrWhiteSpace(p.IdNumber))
            {
                if (ResidentIdNumber.TryParse(p.IdNumber, today, out var parsed, out var idError))
                {
                    id = parsed.Value;
                }
                else
                {
                    Add(field + ".IdNumber", idError);
                }
            }
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(p.Phone))
            {
                if (PhoneNumber.TryParse(p.Phone, out var parsedPhone, out var phoneError))
                {
                    phone = parsedPhone.Value;
                }
                else
                {
                    Add(field + ".Phone", phoneError);
                }
            }
            if (id is null && phone is null && !request.ContactOptional)
            {
                Add(field, "身份证号与电话至少填写一项，以便回复和识别重复信访 (give an ID number or a phone, to reply and to recognise repeat petitions)");
            }
            normalised.Add(p with { IdNumber = id, Phone = phone });
        }
        foreach (var problem in CollectivePetition.Check(request.GroupSize, parties.Count(p => p.IsRepresentative)))
        {
            Add(problem.Part == CollectivePetitionPart.People ? nameof(request.GroupSize) : nameof(request.Parties), problem.Message);
        }
        if (errors.Count > 0)
        {
            throw new CaseValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
        return (division, normalised);
    }

    /// <summary>Null for nothing but spaces, else the text trimmed: how optional fields are stored.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
