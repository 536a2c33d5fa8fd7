namespace Fengqiao.Text.Duplicates;

/// <summary>
/// Computes MinHash values with multiply-shift hashing: h_i(x) = (a_i · x + b_i) mod 2⁶⁴, taking the high 32 bits.
/// One pass over the shingles updates every hash, which the JIT turns into tight loops.
/// </summary>
internal sealed class MinHasher
{
    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int count, int seed)
    {
        var rng = new Random(seed);
        _a = new ulong[count];
        _b = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            _a[i] = (ulong)rng.NextInt64() | 1UL;
            _b[i] = (ulong)rng.NextInt64();
        }
    }

    public int Count => _a.Length;

    public void Compute(ReadOnlySpan<ulong> shingles, Span<uint> output)
    {
        output.Fill(uint.MaxValue);
        var a = _a;
        var b = _b;
        foreach (var x in shingles)
        {
            for (int i = 0; i < a.Length; i++)
            {
                uint h = (uint)(((a[i] * x) + b[i]) >> 32);
                if (h < output[i])
                {
                    output[i] = h;
                }
            }
        }
    }
}
