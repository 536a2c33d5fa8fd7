using System.Numerics;

namespace Fengqiao.Text.Routing;

/// <summary>
/// Open-addressing map from n-gram key to feature index, key and index side by side, so a lookup costs one
/// cache miss instead of the two or three of <see cref="Dictionary{TKey, TValue}"/>; inference is memory-bound.
/// </summary>
internal sealed class NGramTable
{
    private readonly Entry[] _entries; // Key 0 = empty: real keys always carry a space tag in the top byte
    private readonly int _mask;

    public NGramTable(ulong[] keys)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keys.Length * 2));
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            int slot = Slot(keys[i]);
            while (_entries[slot].Key != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _entries[slot] = new Entry(keys[i], i);
        }
    }

    public int Find(ulong key)
    {
        var entries = _entries;
        int slot = Slot(key);
        while (true)
        {
            ref readonly Entry e = ref entries[slot];
            if (e.Key == key)
            {
                return e.Index;
            }

            if (e.Key == 0)
            {
                return -1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private int Slot(ulong key)
    {
        ulong z = key * 0x9E3779B97F4A7C15UL;
        return (int)((z ^ (z >> 31)) >> 20) & _mask;
    }

    // 16 bytes: four entries per cache line, key and index read together.
    private readonly record struct Entry(ulong Key, int Index);
}

/// <summary>
/// Per-thread counts of the features of one message: a small open-addressing map that stays in cache, cleared by
/// walking the slots it used.
/// </summary>
internal sealed class FeatureCounter
{
    private int[] _slotFeature = CreateEmpty(4096);
    private int[] _slotCount = new int[4096];
    private int[] _used = new int[2048];

    public int Count { get; private set; }

    /// <summary>Feature indices counted so far (first <see cref="Count"/> entries) and their counts.</summary>
    public int Feature(int i) => _slotFeature[_used[i]];

    public int CountOf(int i) => _slotCount[_used[i]];

    public void Reset(int expectedNGrams)
    {
        for (int i = 0; i < Count; i++)
        {
            _slotFeature[_used[i]] = -1;
            _slotCount[_used[i]] = 0;
        }

        Count = 0;
        int needed = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4096, expectedNGrams * 2));
        if (needed > _slotFeature.Length)
        {
            _slotFeature = CreateEmpty(needed);
            _slotCount = new int[needed];
            _used = new int[needed];
        }
    }

    public void Add(int feature)
    {
        int mask = _slotFeature.Length - 1;
        int slot = (int)(((uint)feature * 0x9E3779B1u) >> 7) & mask;
        while (true)
        {
            int f = _slotFeature[slot];
            if (f == feature)
            {
                _slotCount[slot]++;
                return;
            }

            if (f < 0)
            {
                _slotFeature[slot] = feature;
                _slotCount[slot] = 1;
                _used[Count++] = slot;
                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    private static int[] CreateEmpty(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }
}
