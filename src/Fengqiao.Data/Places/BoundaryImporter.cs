using Fengqiao.Data.Import;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NodaTime;

namespace Fengqiao.Data.Places;

public sealed record BoundaryImportResult(int Added, int Replaced, IReadOnlyDictionary<BoundaryKind, int> ByKind);

/// <summary>A boundary file with problems: every problem found, and nothing was written.</summary>
public sealed class BoundaryImportException(IReadOnlyList<string> problems)
    : Exception($"边界导入失败，共 {problems.Count} 处错误，未写入任何数据 (boundary import failed with {problems.Count} problems; nothing was written): " + string.Join("; ", problems.Take(20)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Imports boundaries (边界) from a GeoJSON or Shapefile into <c>Boundaries</c>: each feature names a known division (or,
/// with <see cref="BoundaryKind.Grid"/>, a known grid) and is a polygon (a village may be a point: its centre). The whole
/// file is checked before anything is written; importing a file again replaces the outlines it names (idempotent).
/// </summary>
public sealed class BoundaryImporter(FengqiaoDbContext db, IClock clock, BoundaryPlacement? placement = null)
{
    public async Task<BoundaryImportResult> ImportAsync(string path, BoundaryKind? kind = null, string? codeProperty = null, string? source = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var features = BoundaryFiles.Read(path, codeProperty);
        progress?.Report(new ImportProgress("read", features.Count, features.Count));
        if (features.Count == 0)
        {
            throw new BoundaryImportException(["文件中没有要素 (the file holds no features)"]);
        }
        var divisions = await db.Divisions.AsNoTracking().Select(d => new { d.Code, d.Name }).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var grids = kind == BoundaryKind.Grid
            ? await db.Grids.AsNoTracking().Select(g => new { g.Code, g.Name, g.VillageCode }).ToDictionaryAsync(g => g.Code, g => (g.Name, g.VillageCode), ct)
            : [];
        var problems = new List<string>();
        var rows = new List<Outlined>();
        var now = clock.GetCurrentInstant();
        var from = source ?? Path.GetFileName(path);
        foreach (var feature in features)
        {
            var where = $"第 {feature.Number} 个要素 (feature {feature.Number})";
            if (string.IsNullOrWhiteSpace(feature.Code))
            {
                problems.Add($"{where}: 缺少区划代码属性 {codeProperty ?? string.Join("/", BoundaryFiles.DefaultCodeProperties)} (no code property; name it with --code-property)");
                continue;
            }
            var code = feature.Code;
            var featureKind = kind ?? code.Length switch { 6 => BoundaryKind.District, 9 => BoundaryKind.Town, 12 => BoundaryKind.Village, _ => (BoundaryKind?)null };
            if (featureKind is null)
            {
                problems.Add($"{where} {code}: 代码须为 6、9 或 12 位区划代码，网格请加 --kind grid (a code must be a 6-, 9- or 12-digit division code; for grids pass --kind grid)");
                continue;
            }
            string division, name;
            if (featureKind == BoundaryKind.Grid)
            {
                if (!grids.TryGetValue(code, out var grid))
                {
                    problems.Add($"{where}: 未知网格 {code} (unknown grid code)");
                    continue;
                }
                (division, name) = (grid.VillageCode, feature.Name ?? grid.Name);
            }
            else if (!divisions.TryGetValue(code, out var divisionName))
            {
                problems.Add($"{where}: 未知区划代码 {code}，请先导入区划 (unknown division code; import the divisions first)");
                continue;
            }
            else if (code.Length != (int)featureKind.Value * 3 - 3 && !(featureKind == BoundaryKind.District && code.Length == 6))
            {
                problems.Add($"{where}: 代码 {code} 与类型 {featureKind} 不符 (the code's length does not fit the kind)");
                continue;
            }
            else
            {
                (division, name) = (code, divisionName);
            }
            var geometry = Check(feature.Geometry, featureKind.Value, where + " " + code, problems);
            if (geometry is null)
            {
                continue;
            }
            rows.Add(new Outlined(featureKind.Value, code, division, name, geometry));
        }
        var repeated = rows.GroupBy(r => (r.Kind, r.Code)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Code} 在文件中出现 {g.Count()} 次 (appears {g.Count()} times)");
        problems.AddRange(repeated);
        if (problems.Count > 0)
        {
            throw new BoundaryImportException(problems);
        }

        var existing = await db.Boundaries.ToListAsync(ct);
        var byKey = existing.ToDictionary(b => (b.Kind, b.Code));
        int added = 0, replaced = 0, done = 0;
        foreach (var row in rows)
        {
            if (byKey.TryGetValue((row.Kind, row.Code), out var stored))
            {
                replaced++;
            }
            else
            {
                stored = BoundaryRecord.For(row.Kind, row.Code);
                db.Boundaries.Add(stored);
                added++;
            }
            stored.Outline(row.Geometry, row.DivisionCode, row.Name, from, now);
            progress?.Report(new ImportProgress("write", ++done, rows.Count));
        }
        await db.SaveChangesAsync(ct);
        placement?.Forget();
        return new BoundaryImportResult(added, replaced, rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static Geometry? Check(Geometry? geometry, BoundaryKind kind, string where, List<string> problems)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            problems.Add($"{where}: 没有几何 (no geometry)");
            return null;
        }
        var box = geometry.EnvelopeInternal;
        if (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            problems.Add($"{where}: 坐标超出经纬度范围，可能是投影坐标，请转换为 WGS-84 或 CGCS2000 经纬度 (coordinates out of degree range: a projected CRS? reproject to WGS-84/CGCS2000 degrees)");
            return null;
        }
        if (geometry is Point && kind == BoundaryKind.Village)
        {
            return geometry; // a village known only by its centre (村委会驻地)
        }
        if (geometry is not (Polygon or MultiPolygon))
        {
            problems.Add($"{where}: 不是面 ({geometry.GeometryType}; not a polygon{(kind == BoundaryKind.Village ? " or a point" : "")})");
            return null;
        }
        // Hand-drawn or simplified outlines often self-touch; repair rather than refuse, and refuse only what cannot be repaired.
        var valid = geometry.IsValid ? geometry : GeometryFixer.Fix(geometry);
        if (valid.IsEmpty || valid is not (Polygon or MultiPolygon))
        {
            problems.Add($"{where}: 面无效且无法修复 (an invalid polygon that cannot be repaired)");
            return null;
        }
        return valid;
    }

    /// <summary>A checked feature waiting until the whole file has been checked.</summary>
    private sealed record Outlined(BoundaryKind Kind, string Code, string DivisionCode, string Name, Geometry Geometry);
}
