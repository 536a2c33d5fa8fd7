using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fengqiao.Data.Tests.Infrastructure;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => v.Value)).Build();

    [Fact]
    public void No_configuration_means_the_embedded_SQLite_file()
    {
        var settings = DatabaseSettings.FromConfiguration(Config());
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(DatabaseSettings.DefaultSqliteConnectionString, settings.ConnectionString);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("PostgreSQL")]
    public void Postgres_is_chosen_by_name(string name)
    {
        var settings = DatabaseSettings.FromConfiguration(Config(("Database:Provider", name), ("Database:ConnectionString", "Host=localhost;Database=x")));
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_value_and_the_choices()
    {
        var ex = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSettings.FromConfiguration(Config(("Database:Provider", "Oracle"))));
        Assert.Contains("'Oracle'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite or Postgres", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var ex = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSettings.FromConfiguration(Config(("Database:Provider", "Postgres"))));
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_leave_nothing_pending_on_the_provider_under_test()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(database.Provider == DatabaseProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.Context();
        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for both providers");
    }
}
