using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>Shared case queries. The scope filter is already on <see cref="FengqiaoDbContext.Cases"/>.</summary>
public static class CaseQueries
{
    public static IQueryable<CaseRecord> Search(FengqiaoDbContext db, string? text)
    {
        var query = db.Cases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(c => c.TrackingCode.Contains(t) || c.Title.Contains(t));
        }
        return query;
    }
}
