using Fengqiao.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Fengqiao.Testing;

/// <summary>One seeded demo database per test class (seeding takes a few seconds; tests only read it or add to it).</summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;

    public ServiceProvider Services { get; private set; } = default!;

    public DemoSeedResult Seeded { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = TestServices.Build(Database);
        await using var scope = Services.CreateAsyncScope();
        Seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
