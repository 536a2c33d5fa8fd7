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

    /// <summary>Advances the (prefix, year) counter in one statement (an upsert with RETURNING on both providers) and formats the code.</summary>
    public static async Task<string> NextTrackingCodeAsync(FengqiaoDbContext db, string prefix, int year, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO "CaseNumberSequences" ("Prefix", "Year", "Last") VALUES ({prefix}, {year}, 1)
            ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Last" = "CaseNumberSequences"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{next.Single():D6}");
    }
}
