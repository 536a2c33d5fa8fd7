using System.Globalization;
using System.Security.Cryptography;
using Fengqiao.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>Tracking codes (KL-2026-000123) and the resident's query code.</summary>
public static class CaseCodes
{
    // No 0/O, 1/I/L: a resident reads the code off a slip of paper or a text message.
    private const string QueryAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string NewQueryCode() => RandomNumberGenerator.GetString(QueryAlphabet, 8);

    /// <summary>
    /// The district's Latin prefix for the demo districts; any other county uses its six-digit code, so a code
    /// is unique nationally without configuration.
    /// </summary>
    public static string PrefixFor(string divisionCode)
    {
        var county = divisionCode.Length >= 6 ? divisionCode[..6] : divisionCode;
        return DemoDistricts.All.FirstOrDefault(d => d.Code == county)?.CasePrefix ?? county;
    }

    /// <summary>Advances the (prefix, year) counter by one and formats the code.</summary>
    public static async Task<string> NextTrackingCodeAsync(FengqiaoDbContext db, string prefix, int year, CancellationToken cancellationToken) =>
        Format(prefix, year, await ReserveAsync(db, prefix, year, 1, cancellationToken));

    public static string Format(string prefix, int year, int number) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{number:D6}");

    /// <summary>
    /// Reserves <paramref name="count"/> numbers of the (prefix, year) counter in one statement (an upsert with
    /// RETURNING on both providers) and returns the last of them.
    /// </summary>
    public static async Task<int> ReserveAsync(FengqiaoDbContext db, string prefix, int year, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var last = await db.Database.SqlQuery<int>($"""
            INSERT INTO "CaseNumberSequences" ("Prefix", "Year", "Last") VALUES ({prefix}, {year}, {count})
            ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Last" = "CaseNumberSequences"."Last" + {count}
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return last.Single();
    }
}
