using Fengqiao.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Fengqiao.Cli;

/// <summary>Options every database verb takes. Without them, configuration comes from appsettings.json and FENGQIAO_ / Database__ environment variables.</summary>
internal class DatabaseSettingsBase : CommandSettings
{
    [CommandOption("--provider <PROVIDER>")]
    [System.ComponentModel.Description("Sqlite (default) or Postgres")]
    public string? Provider { get; init; }

    [CommandOption("--connection <CONNECTION>")]
    [System.ComponentModel.Description("ADO.NET connection string, e.g. \"Data Source=data/fengqiao.db\" or \"Host=…;Database=fengqiao;Username=…\"")]
    public string? Connection { get; init; }
}

/// <summary>The CLI's services: the same data layer as the web app, acting as the system (it sees everything).</summary>
internal static class CliServices
{
    public static ServiceProvider Build(DatabaseSettingsBase settings)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(settings.Provider))
        {
            overrides["Database:Provider"] = settings.Provider;
        }
        if (!string.IsNullOrWhiteSpace(settings.Connection))
        {
            overrides["Database:ConnectionString"] = settings.Connection;
        }
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        return new ServiceCollection().AddFengqiaoDataForTools(configuration).BuildServiceProvider(validateScopes: true);
    }
}
