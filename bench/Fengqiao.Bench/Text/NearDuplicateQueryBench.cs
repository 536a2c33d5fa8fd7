using BenchmarkDotNet.Attributes;
using Fengqiao.Text.Duplicates;

namespace Fengqiao.Bench.Text;

/// <summary>
/// One new message checked against a store of perturbed real messages. The store is built once in GlobalSetup
/// (a million messages take about 1.5 minutes on 2 cores); each invocation queries the next of 1,000 new messages.
/// </summary>
[MemoryDiagnoser]
public class NearDuplicateQueryBench
{
    private NearDuplicateIndex _index = null!;
    private string[] _queries = [];
    private int _next;

    [Params(1_000_000)]
    public int StoreSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = new SyntheticCorpus(SharedMessages.Texts());
        _index = new NearDuplicateIndex(new NearDuplicateOptions(), StoreSize);
        const int Batch = 20_000;
        var sigs = new uint[Batch][];
        for (int start = 0; start < StoreSize; start += Batch)
        {
            int count = Math.Min(Batch, StoreSize - start);
            Parallel.For(0, count, j => sigs[j] = _index.Signature(corpus[start + j])!);
            for (int j = 0; j < count; j++)
            {
                _index.Add(start + j, sigs[j]);
            }
        }

        _queries = Enumerable.Range(0, 1000).Select(corpus.NewMessage).ToArray();
        Console.WriteLine($"// index arrays: {_index.MemoryBytes / 1048576.0:F1} MiB for {_index.Count:N0} messages");
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public int Query()
    {
        var q = _queries[_next];
        _next = (_next + 1) % _queries.Length;
        return _index.Query(q, 20).Count;
    }
}
