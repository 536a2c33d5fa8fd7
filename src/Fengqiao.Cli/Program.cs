return await Fengqiao.Cli.CliApp.RunAsync(args);
