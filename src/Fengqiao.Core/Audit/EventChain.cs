using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Core.Audit;

/// <summary>
/// The tamper-evident chain over one case's events (案件操作留痕). Each event's hash covers the previous
/// event's hash and the event's own fields, so changing, removing or reordering any stored event breaks every
/// link after it.
/// </summary>
public static class EventChain
{
    /// <summary>The "previous hash" of a case's first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public sealed record Link(Guid CaseId, int Sequence, string Kind, string Actor, long AtUnixMilliseconds, string Data);

    public static string Hash(string previousHash, Link link)
    {
        // Length-prefixed fields: no two different events can serialise to the same bytes.
        var builder = new StringBuilder(256);
        foreach (var field in new[]
                 {
                     previousHash, link.CaseId.ToString("N"), link.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     link.Kind, link.Actor, link.AtUnixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), link.Data,
                 })
        {
            builder.Append(field.Length).Append(':').Append(field).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Checks a case's events in sequence order; returns the sequence of the first broken link, or null.</summary>
    public static int? FirstBrokenLink(IEnumerable<(Link Link, string PreviousHash, string Hash)> events)
    {
        var expectedPrevious = Genesis;
        var expectedSequence = 1;
        foreach (var (link, previous, hash) in events)
        {
            if (link.Sequence != expectedSequence || previous != expectedPrevious || Hash(previous, link) != hash)
            {
                return link.Sequence;
            }
            expectedPrevious = hash;
            expectedSequence++;
        }
        return null;
    }
}
