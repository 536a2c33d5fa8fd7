using System.Numerics;
using System.Runtime.InteropServices;

namespace Fengqiao.Text.Duplicates;

/// <summary>
/// Computes MinHash values with multiply-shift hashing: h_i(x) = (a_i · x + b_i) mod 2⁶⁴, taking the high 32 bits.
/// One pass over the shingles updates every hash, several hashes per SIMD instruction (rebuilding the index of a
/// million messages at start is dominated by this loop).
/// </summary>
internal sealed class MinHasher
{
    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int count, int seed)
    {
        var rng = new Random(seed);
        int padded = (count + Vector<ulong>.Count - 1) / Vector<ulong>.Count * Vector<ulong>.Count;
        _a = new ulong[padded];
        _b = new ulong[padded];
        for (int i = 0; i < padded; i++)
        {
            _a[i] = (ulong)rng.NextInt64() | 1UL;
            _b[i] = (ulong)rng.NextInt64();
        }

        Count = count;
    }

    public int Count { get; }

    public void Compute(ReadOnlySpan<ulong> shingles, Span<uint> output)
    {
        int lanes = Vector<ulong>.Count;
        int blocks = _a.Length / lanes;
        Span<Vector<ulong>> min = stackalloc Vector<ulong>[blocks];
        min.Fill(new Vector<ulong>(uint.MaxValue));
        var a = MemoryMarshal.Cast<ulong, Vector<ulong>>(_a);
        var b = MemoryMarshal.Cast<ulong, Vector<ulong>>(_b);
        foreach (var x in shingles)
        {
            var vx = new Vector<ulong>(x);
            for (int k = 0; k < blocks; k++)
            {
                var h = ((a[k] * vx) + b[k]) >> 32;
                min[k] = Vector.Min(min[k], h);
            }
        }

        var flat = MemoryMarshal.Cast<Vector<ulong>, ulong>(min);
        for (int i = 0; i < output.Length && i < Count; i++)
        {
            output[i] = (uint)flat[i];
        }
    }
}
