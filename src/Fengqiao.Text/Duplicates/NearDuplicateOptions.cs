namespace Fengqiao.Text.Duplicates;

/// <summary>
/// MinHash/LSH settings. With 16 bands of 4 rows a pair at Jaccard 0.7 becomes a candidate with probability
/// 1 − (1 − 0.7⁴)¹⁶ ≈ 0.988, at 0.5 with ≈ 0.64 and at 0.3 with ≈ 0.12, so few dissimilar messages are checked.
/// </summary>
public sealed record NearDuplicateOptions
{
    /// <summary>Characters per shingle.</summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>LSH bands.</summary>
    public int Bands { get; init; } = 16;

    /// <summary>MinHash values per band.</summary>
    public int RowsPerBand { get; init; } = 4;

    /// <summary>
    /// One-byte MinHash values kept per message to estimate similarity (b-bit MinHash, Li and König 2010):
    /// 128 bytes give a standard error of about 0.04 at Jaccard 0.7, for an eighth of the memory of 32-bit values.
    /// </summary>
    public int SketchSize { get; init; } = 128;

    /// <summary>Jaccard similarity at or above which two messages are the same matter.</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>
    /// Candidates whose estimated similarity is at least Threshold − Slack are returned, so estimation noise does
    /// not cost recall; callers who keep texts can verify exactly.
    /// </summary>
    public double Slack { get; init; } = 0.08;

    public int Seed { get; init; } = 20_200_601;

    /// <summary>
    /// How many entries of one band's bucket a query examines, newest first. A matter raised by thousands of people
    /// in near-identical words fills one bucket; without a bound every later query would estimate against all of
    /// them, so intake slows as the hot topic grows. The newest entries are the ones a clerk needs to see.
    /// </summary>
    public int MaxBucketWalk { get; init; } = 512;

    internal int BandHashes => Bands * RowsPerBand;
}
