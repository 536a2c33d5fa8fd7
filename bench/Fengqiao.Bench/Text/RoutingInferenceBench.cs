using BenchmarkDotNet.Attributes;
using Fengqiao.Text.Routing;

namespace Fengqiao.Bench.Text;

/// <summary>Routing throughput on one thread: a model trained on the shared files scores 1,000 real messages per invocation.</summary>
[MemoryDiagnoser]
public class RoutingInferenceBench
{
    private const int Batch = 1000;
    private RoutingModel _model = null!;
    private LabeledMessage[] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        var messages = SharedMessages.Labelled("train_messages.csv");
        var titles = SharedMessages.Labelled("train_titles.csv");
        _model = RoutingModel.Train(messages.Concat(titles));
        _messages = messages.Where(m => m.Title.Length > 0).Take(Batch).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Predict()
    {
        int h = 0;
        foreach (var m in _messages)
        {
            h += _model.Predict(m.Title, m.Detail).Length;
        }

        return h;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double SuggestTop3()
    {
        double s = 0;
        foreach (var m in _messages)
        {
            s += _model.Suggest(m.Title, m.Detail, 3)[0].Confidence;
        }

        return s;
    }
}
