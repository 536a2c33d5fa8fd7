using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is offered by the switcher; pick with --filter, e.g.
//   dotnet run -c Release --project bench/Fengqiao.Bench -- --filter '*Deadline*' --job short
// The re-plan figures are a console measurement (greedy and CP-SAT on one base roster):
//   dotnet run -c Release --project bench/Fengqiao.Bench -- replan [scenario.json] [seconds] [workers]
if (args.Length > 0 && args[0] == "replan")
{
    return Fengqiao.Bench.Tidal.TidalReplanMeasurement.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
