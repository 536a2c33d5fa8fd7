using Fengqiao.Data;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Microsoft.AspNetCore.Identity;
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
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAccessScopeProvider, SystemAccessScopeProvider>();
        services.AddFengqiaoData(configuration);
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FengqiaoDbContext>();
        return services.BuildServiceProvider(validateScopes: true);
    }
}
