using Fengqiao.Bench.Cases;

// Verbs:
//   kpi     --connection <npgsql> [--cases 10000000] [--runs 10] [--month 2026-10] [--no-generate] [--rebuild] [--rounds 2] [--try-index]
//   intake  --base-url http://127.0.0.1:5080 --connection <npgsql> [--workers 32] [--seconds 60] [--max 1000000] [--messages <csv> | --synthetic]
//   drill   --base-urls http://127.0.0.1:5080,http://127.0.0.1:5081 --connection <npgsql> [--seconds 150] [--workers 8] [--events <file>]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Fengqiao.Bench.Cases kpi --connection <cs> [--cases N] [--runs R] [--month yyyy-MM] [--no-generate] [--try-index]");
    Console.WriteLine("       Fengqiao.Bench.Cases intake --base-url <url> --connection <cs> [--workers W] [--seconds S] [--max N] [--messages <csv> | --synthetic]");
    Console.WriteLine("       Fengqiao.Bench.Cases drill --base-urls <url,url> --connection <cs> [--seconds S] [--workers W] [--events <file>]");
    return 2;
}
var options = Options.Parse(args.Skip(1));
return args[0] switch
{
    "kpi" => await KpiBenchmark.RunAsync(options),
    "intake" => await IntakeBenchmark.RunAsync(options),
    "drill" => await OutageDrill.RunAsync(options),
    _ => 2,
};
