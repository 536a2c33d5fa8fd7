using Fengqiao.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Fengqiao.Testing;

/// <summary>One demo database per test class, a copy of the process's seeded template (tests only read it or add to it).</summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;

    public ServiceProvider Services { get; private set; } = default!;

    public DemoSeedResult Seeded { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateSeededAsync();
        Services = TestServices.Build(Database);
        Seeded = Database.Seeded!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
