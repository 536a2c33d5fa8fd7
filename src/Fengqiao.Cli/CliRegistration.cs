using Fengqiao.Cli.Audit;
using Fengqiao.Cli.Database;
using Fengqiao.Cli.Divisions;
using Spectre.Console.Cli;

namespace Fengqiao.Cli;

/// <summary>Every verb of the `fengqiao` command, one line per feature so features plug in without touching each other.</summary>
internal static class CliRegistration
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("db", db =>
        {
            db.SetDescription("Database schema");
            db.AddCommand<DbMigrateCommand>("migrate").WithDescription("Apply migrations to the configured database");
        });
        config.AddBranch("import", import =>
        {
            import.SetDescription("Import reference data");
            import.AddCommand<ImportDivisionsCommand>("divisions").WithDescription("Import GB/T 2260 divisions from a folder of CSV files");
            import.AddCommand<Places.ImportBoundariesCommand>("boundaries").WithDescription("Import district, town, village or grid boundaries from a GeoJSON or Shapefile");
        });
        config.AddBranch("seed", seed =>
        {
            seed.SetDescription("Demo data");
            seed.AddCommand<SeedDemoCommand>("demo").WithDescription("Fill an empty database with the demo districts, units, accounts and cases");
        });
        config.AddBranch("audit", audit =>
        {
            audit.SetDescription("Tamper evidence");
            audit.AddCommand<AuditVerifyCommand>("verify").WithDescription("Check every case's hash chain and report the first broken link");
        });
        config.AddBranch("security", security =>
        {
            security.SetDescription("Personal data protection");
            security.AddCommand<Security.ReencryptCommand>("reencrypt").WithDescription("After a key rotation, move every encrypted ID number and phone to the current key");
        });
        Tidal.TidalCli.Register(config);
        Text.TextCli.Register(config);
        Ledger.KpiCli.Register(config);
    }
}
