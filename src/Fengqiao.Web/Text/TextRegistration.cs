using Fengqiao.Data.Text;

namespace Fengqiao.Web.Text;

public static class TextServiceRegistration
{
    /// <summary>The routing model (one per node, loaded or trained at start) and the job that keeps this node's case index current.</summary>
    public static IServiceCollection AddFengqiaoText(this IServiceCollection services)
    {
        services.AddSingleton<RoutingService>();
        services.AddSingleton<IRoutingModel>(sp => sp.GetRequiredService<RoutingService>());
        services.AddSingleton<TextStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<TextStartup>());
        return services;
    }
}
