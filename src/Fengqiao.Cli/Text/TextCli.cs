using Spectre.Console.Cli;

namespace Fengqiao.Cli.Text;

/// <summary>The `fengqiao route …` and `fengqiao text …` verbs (text intelligence).</summary>
internal static class TextCli
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("route", route =>
        {
            route.SetDescription("Route messages to a category and department.");
            route.AddCommand<RouteTrainCommand>("train").WithDescription("Train a routing model from labelled CSV files.");
            route.AddCommand<RouteEvalCommand>("eval").WithDescription("Evaluate a model on a labelled CSV file.");
            route.AddCommand<RouteCvCommand>("cv").WithDescription("k-fold cross-validation on labelled CSV files.");
            route.AddCommand<RouteSuggestCommand>("suggest").WithDescription("Suggest categories and departments for one message.");
        });
        config.AddBranch("text", text =>
        {
            text.SetDescription("Near-duplicates, hot topics and reply checks.");
            text.AddCommand<DupesCommand>("dupes").WithDescription("Exact and near-duplicate clusters and repeat petitioners in a message CSV.");
            text.AddCommand<HotCommand>("hot").WithDescription("Hot-topic clusters with heat scores.");
            text.AddCommand<DupesBenchCommand>("dupes-bench").WithDescription("Measure near-duplicate query latency, recall and memory on a synthetic store.");
            text.AddCommand<RepliesCommand>("replies").WithDescription("Check government replies for timeliness, relevance and completeness.");
        });
    }
}
