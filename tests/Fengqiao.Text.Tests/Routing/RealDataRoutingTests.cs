using System.Diagnostics;
using Fengqiao.Text.Routing;

namespace Fengqiao.Text.Tests.Routing;

/// <summary>Guards the measured quality on the shared training files (skipped where they are absent).</summary>
public class RealDataRoutingTests
{
    // One fold of the 5-fold CV measured 0.937 with the default options (docs/text.md); the floor leaves a margin.
    private const double MacroF1Floor = 0.92;

    [Fact]
    public void One_fold_of_cross_validation_stays_above_the_measured_floor()
    {
        var dir = TestData.RequireShared();
        var data = MessageDataset.LoadFile(Path.Combine(dir, "train_messages.csv")).Messages
            .Concat(MessageDataset.LoadFile(Path.Combine(dir, "train_titles.csv")).Messages)
            .ToList();
        var sw = Stopwatch.StartNew();
        var cv = CrossValidation.Run(data, folds: 5, onlyFolds: 1);
        Assert.True(cv.MeanMacroF1 >= MacroF1Floor, $"macro-F1 {cv.MeanMacroF1:F4} below floor {MacroF1Floor} ({sw.Elapsed.TotalSeconds:F0} s)");
    }
}
