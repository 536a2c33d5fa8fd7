using System.Globalization;
using Fengqiao.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Categories;

/// <summary>
/// Loads a three-column taxonomy CSV (first, second, third level names) into codes by order of appearance.
/// Existing codes keep their names updated; nothing is deleted, because cases refer to codes.
/// </summary>
public static class CategoryImporter
{
    public static string ShippedFile => Path.Combine(AppContext.BaseDirectory, "Reference", "categories.csv");

    public static IReadOnlyList<Category> Parse(TextReader reader)
    {
        var result = new List<Category>();
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var second = new Dictionary<(string, string), string>();
        var third = new HashSet<(string, string, string)>();
        foreach (var (line, fields) in CsvLines.Read(reader))
        {
            if (fields.Length < 3 || fields.Any(string.IsNullOrWhiteSpace))
            {
                throw new FormatException($"categories.csv:{line}: 需要一级、二级、三级三个名称 (three level names are required)");
            }
            var (a, b, c) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim());
            if (!first.TryGetValue(a, out var codeA))
            {
                codeA = (first.Count + 1).ToString("D2", CultureInfo.InvariantCulture);
                first[a] = codeA;
                result.Add(new Category { Code = codeA, Name = a, Level = 1 });
            }
            if (!second.TryGetValue((a, b), out var codeB))
            {
                codeB = codeA + (second.Keys.Count(k => k.Item1 == a) + 1).ToString("D2", CultureInfo.InvariantCulture);
                second[(a, b)] = codeB;
                result.Add(new Category { Code = codeB, Name = b, ParentCode = codeA, Level = 2 });
            }
            if (third.Add((a, b, c)))
            {
                var codeC = codeB + (third.Count(k => k.Item1 == a && k.Item2 == b)).ToString("D2", CultureInfo.InvariantCulture);
                result.Add(new Category { Code = codeC, Name = c, ParentCode = codeB, Level = 3 });
            }
        }
        return result;
    }

    public static async Task<int> ImportAsync(FengqiaoDbContext db, string path, CancellationToken cancellationToken = default)
    {
        using var reader = CsvLines.Open(path);
        var categories = Parse(reader);
        var existing = await db.Categories.ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var category in categories)
        {
            if (existing.TryGetValue(category.Code, out var stored))
            {
                stored.Name = category.Name;
            }
            else
            {
                db.Categories.Add(category);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return categories.Count;
    }
}
