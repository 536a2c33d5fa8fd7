using Fengqiao.Testing;
using Fengqiao.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Web.Tests.Infrastructure;

/// <summary>
/// One web node of a multi-node test: on a shared database and a shared clock, with the deadline sweep and the
/// notice dispatcher beating every second. The first node migrates (and seeds the demo when asked); the others join.
/// </summary>
internal sealed class TimerNode(TestDatabase database, IClock clock, bool migrate, bool seed) : WebApplicationFactory<Program>
{
    public string Holder => Services.GetRequiredService<LeaseHolder>().Name;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.ProviderName);
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", migrate ? "true" : "false");
        builder.UseSetting("Demo:SeedOnStart", seed ? "true" : "false");
        builder.UseSetting("Demo:Scale", "Compact"); // the demo the tests know; the simulated year has its own test
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Deadlines:SweepSeconds", "1");
        builder.UseSetting("Notices:DispatchSeconds", "1");
        builder.UseSetting("Attachments:Root", Path.Combine(Path.GetTempPath(), "fengqiao-attachments-" + Guid.NewGuid().ToString("N")));
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}
