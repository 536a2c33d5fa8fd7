using Fengqiao.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Testing;

/// <summary>The data layer's services over a test database, acting as the system: what the CLI builds.</summary>
public static class TestServices
{
    public static ServiceProvider Build(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Clock:StartAt"] = TestTime.Setting,
        }).Build();
        return new ServiceCollection().AddFengqiaoDataForTools(configuration).BuildServiceProvider(validateScopes: true);
    }
}
