using Fengqiao.Core.Cases.Documents;
using Fengqiao.Core.People;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Portal;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.CaseDocuments;

/// <summary>The documents of one case, with the case's tracking code.</summary>
public sealed record CaseDocumentSet(string TrackingCode, IReadOnlyList<CaseDocument> Documents)
{
    public CaseDocument? Find(CaseDocumentKind kind, int occurrence) => Core.Cases.Documents.CaseDocuments.Find(Documents, kind, occurrence);
}

/// <summary>
/// Assembles a case's documents (受理告知书, 处理意见书 …) from the case, its events and the units they name. Staff get
/// them through their own scope: a case they may not open has no documents for them. A resident gets them with the
/// tracking code and query code together, only those addressed to the petitioner, with the name masked as the public
/// tracking page masks it (the codes are the only proof of who is asking).
/// </summary>
public sealed class CaseDocumentDesk(IDbContextFactory<FengqiaoDbContext> scoped, DatabaseSettings settings)
{
    /// <summary>The case's documents when the caller's scope admits the case; otherwise null.</summary>
    public async Task<CaseDocumentSet?> ForStaffAsync(string? trackingCode, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(trackingCode) || trackingCode.Length > 32)
        {
            return null;
        }
        await using var db = await scoped.CreateDbContextAsync(ct);
        var code = trackingCode.Trim().ToUpperInvariant();
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == code, ct);
        return found is null ? null : new CaseDocumentSet(found.TrackingCode, await AssembleAsync(db, found, maskPetitioner: false, ct));
    }

    /// <summary>The petitioner's documents of the case both codes name; null when they name none.</summary>
    public async Task<CaseDocumentSet?> ForCodeHolderAsync(string? trackingCode, string? queryCode, CancellationToken ct = default)
    {
        await using var db = settings.CreateContext(new SystemAccessScopeProvider());
        if (await CodeHolderDesk.FindAsync(db, trackingCode, queryCode, ct) is not { } found)
        {
            return null;
        }
        var documents = await AssembleAsync(db, found, maskPetitioner: true, ct);
        return new CaseDocumentSet(found.TrackingCode, [.. documents.Where(d => d.ForResident)]);
    }

    private static async Task<IReadOnlyList<CaseDocument>> AssembleAsync(FengqiaoDbContext db, CaseRecord found, bool maskPetitioner, CancellationToken ct)
    {
        var stored = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var events = CaseEventLog.Lifecycle(stored).ToList();
        var mentioned = events.SelectMany(e => e.Data.Where(p => UnitKeys.Contains(p.Key)).SelectMany(p => p.Value.Split(',')))
            .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)
            .Append(found.RegisteringUnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => mentioned.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.ParentUnitId }).ToListAsync(ct);
        var parents = units.Select(u => u.ParentUnitId).OfType<Guid>().Except(units.Select(u => u.Id)).ToList();
        units.AddRange(await db.Units.AsNoTracking().Where(u => parents.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.ParentUnitId }).ToListAsync(ct));
        var petitioner = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == found.Id).OrderBy(p => p.Id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var name = string.IsNullOrWhiteSpace(petitioner) ? "信访人" : maskPetitioner ? PersonalDataMask.Name(petitioner) : petitioner.Trim();
        var facts = new CaseDocumentFacts(found.TrackingCode, found.Title, name, await NumberPrefixAsync(db, found.DivisionCode, ct), found.RegisteringUnitId,
            units.ToDictionary(u => u.Id, u => new CaseDocumentUnit(u.Name, u.ParentUnitId)));
        return Core.Cases.Documents.CaseDocuments.Of(facts, events);
    }

    // The event data keys that hold unit ids (a transfer's target, the handling and co-handling units, the signer, the reviewer).
    private static readonly HashSet<string> UnitKeys = ["toUnit", "handlingUnit", "coHandlers", "approverUnit", "reviewingUnit", "signerUnit"];

    /// <summary>
    /// The number prefix of the case's district: its name without the 区/县/市/旗 suffix, then 信 (垦利区 → 垦利信), so
    /// every district numbers its own cases' documents.
    /// </summary>
    public static async Task<string> NumberPrefixAsync(FengqiaoDbContext db, string divisionCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var county = divisionCode.Length >= 6 ? divisionCode[..6] : divisionCode;
        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == county).Select(d => d.Name).FirstOrDefaultAsync(ct);
        return NumberPrefix(name);
    }

    public static string NumberPrefix(string? countyName)
    {
        var name = new string((countyName ?? "").Where(c => c is >= '\u4e00' and <= '\u9fff').ToArray());
        if (name.Length > 2 && "区县市旗".Contains(name[^1], StringComparison.Ordinal))
        {
            name = name[..^1];
        }
        return name + "信";
    }
}
