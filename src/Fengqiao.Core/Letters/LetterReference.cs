using NodaTime;

namespace Fengqiao.Core.Letters;

/// <summary>An issued letter as other documents cite it (an evidence pack, a correction).</summary>
public sealed record LetterReference(Guid LetterId, DocumentNumber Number, string Title, Instant IssuedAt)
{
    public LetterType Type => Number.Type;
}
