using System.Diagnostics;
using System.Net.Sockets;
using Fengqiao.Testing;

namespace Fengqiao.E2E;

/// <summary>The built web app as a real process on a free loopback port, with its output kept in a log file.</summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebProcess(Process process, string baseUrl, string log)
    {
        _process = process;
        BaseUrl = baseUrl;
        Log = log;
    }

    public string BaseUrl { get; }

    public string Log { get; }

    public static async Task<WebProcess> StartAsync(TestDatabase database, bool seed, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var baseUrl = $"http://127.0.0.1:{port ?? FreePort()}";
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var folder = Path.Combine(SharedData.RepositoryRoot(), "src", "Fengqiao.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", ["Fengqiao.Web.dll", "--urls", baseUrl])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = database.ProviderName;
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Demo__SeedOnStart"] = seed ? "true" : "false";
        // The journeys read the compact demo, as the copied template holds it; the simulated year only costs time here.
        start.Environment["Demo__Scale"] = "Compact";
        start.Environment["Clock__StartAt"] = TestTime.Setting;
        // Timers off: a browser test must not race the sweep, and each timer test starts its own.
        start.Environment["Deadlines__SweepSeconds"] = "0";
        start.Environment["Whistles__EscalationSeconds"] = "0";
        start.Environment["Letters__ProposalSeconds"] = "0";
        start.Environment["Mediation__LimitSweepSeconds"] = "0";
        start.Environment["Notices__DispatchSeconds"] = "0";
        start.Environment["Attachments__Root"] = Path.Combine(Path.GetTempPath(), "fengqiao-e2e-attachments-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var log = Path.Combine(Path.GetTempPath(), $"fengqiao-e2e-{Guid.NewGuid():N}.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, baseUrl, log);
        await web.WaitHealthyAsync();
        return web;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the web app exited with {_process.ExitCode}: {await File.ReadAllTextAsync(Log)}");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the web app did not become healthy within 120 s");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when the machine loses power.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
