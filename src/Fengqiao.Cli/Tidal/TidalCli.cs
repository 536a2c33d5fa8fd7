using Spectre.Console.Cli;

namespace Fengqiao.Cli.Tidal;

/// <summary>The `fengqiao tidal …` verbs (tidal duty planner, 潮汐勤务).</summary>
internal static class TidalCli
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("tidal", tidal =>
        {
            tidal.SetDescription("Tidal duty planner (潮汐勤务): import incidents, back-test forecasts, plan rosters");
            tidal.AddCommand<TidalImportCommand>("import").WithDescription("Import incident CSV files (plain or .gz) and report bad rows");
            tidal.AddCommand<TidalScenarioCommand>("scenario").WithDescription("Build a planning scenario from incident data (busiest areas, next week's forecast)");
            tidal.AddCommand<TidalPlanCommand>("plan").WithDescription("Tidal CP-SAT roster beside the fixed three-shift plan");
            tidal.AddCommand<TidalAdjustCommand>("adjust").WithDescription("Live re-allocation advice: areas above forecast and moves from quiet neighbours");
            tidal.AddCommand<TidalBacktestCommand>("backtest").WithDescription("Back-test forecasting methods: MAE, RMSE, PAI and PEI*");
        });
    }
}
