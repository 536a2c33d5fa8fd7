using System.Net;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fengqiao.Web.Tests.Infrastructure;

/// <summary>The real web host, in memory, on a fresh demo database of the provider under test.</summary>
public sealed partial class FengqiaoWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        // A copy of the seeded demo: the host's own start-up migration and seeding find it done and skip.
        Database = await TestDatabase.CreateSeededAsync();
        // Touch the server so start-up work happens once, here, not inside the first test.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:SeedOnStart", "true");
        builder.UseSetting("Demo:Scale", "Compact"); // the demo the tests know; the simulated year has its own test
        builder.UseSetting("Logging:Json", "false");
        builder.UseSetting("Clock:StartAt", TestTime.Setting);
        // The sweep is tested on its own (Data tests); here it would only race the assertions.
        builder.UseSetting("Deadlines:SweepSeconds", "0");
        builder.UseSetting("Notices:DispatchSeconds", "0");
        // One routing model per test run, trained by the first host that needs it and loaded by the others.
        builder.UseSetting("Text:ModelPath", Path.Combine(Path.GetTempPath(), $"fengqiao-test-routing-{Environment.ProcessId}.model"));
        // Every test client is one address to the limiter; the limit itself is tested with its own host (PortalTests).
        builder.UseSetting("Portal:PostsPerMinute", "100000");
        builder.UseSetting("Open311:KeyHolderPostsPerMinute", "100000");
        builder.UseSetting("Whistles:EscalationSeconds", "0");
        builder.UseSetting("Letters:ProposalSeconds", "0");
        builder.UseSetting("Mediation:LimitSweepSeconds", "0");
        builder.UseSetting("Attachments:Root", Path.Combine(Path.GetTempPath(), "fengqiao-attachments-" + Guid.NewGuid().ToString("N")));
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the real form post (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password = "Fengqiao@2026")
    {
        var client = Anonymous();
        var response = await FormSignIn.SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
