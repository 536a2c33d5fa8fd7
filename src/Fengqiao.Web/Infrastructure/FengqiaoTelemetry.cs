using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fengqiao.Web.Infrastructure;

/// <summary>Fengqiao's own traces and metrics, beside ASP.NET Core's.</summary>
public static class FengqiaoTelemetry
{
    public const string MeterName = "Fengqiao";
    public const string ActivitySourceName = "Fengqiao";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("fengqiao.sign_ins", description: "Sign-in attempts by outcome");
    public static readonly Counter<long> AccountsCreated = Meter.CreateCounter<long>("fengqiao.accounts_created");
}
