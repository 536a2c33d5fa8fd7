using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>
/// The resident's view of one case, found by tracking code and query code together (the resident holds both; a
/// tracking code alone reveals nothing). Looked up past the scope filter because the resident need not sign in.
/// </summary>
public static class PublicCaseLookup
{
    public static async Task<CaseRecord?> FindAsync(FengqiaoDbContext db, string? trackingCode, string? queryCode, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(trackingCode) || string.IsNullOrWhiteSpace(queryCode) || trackingCode.Length > 32 || queryCode.Length > 16)
        {
            return null;
        }
        var code = trackingCode.Trim().ToUpperInvariant();
        var record = await db.Cases.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == code, cancellationToken);
        // Compared in constant time so response timing does not leak how much of a guessed code was right.
        return record is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(record.QueryCode), Encoding.UTF8.GetBytes(queryCode.Trim().ToUpperInvariant()))
            ? record
            : null;
    }
}
