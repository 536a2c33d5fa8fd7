using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is offered by the switcher; pick with --filter, e.g.
//   dotnet run -c Release --project bench/Fengqiao.Bench -- --filter '*Deadline*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
