using Fengqiao.Core.Whistles;
using Fengqiao.Data.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Whistles;

public static class WhistleServices
{
    /// <summary>
    /// The whistle and letter desks and their timers' jobs. The late-flag threshold is configurable
    /// (Whistles:LateFlagHours, default 24); the per-level limits are stored (<see cref="WhistlePolicyStore"/>) over <see cref="WhistlePolicy.DefaultLimits"/>.
    /// </summary>
    public static IServiceCollection AddWhistlesData(this IServiceCollection services, IConfiguration configuration)
    {
        var hours = configuration.GetValue("Whistles:LateFlagHours", 24);
        services.AddSingleton(sp => new WhistlePolicyStore(sp.GetRequiredService<CaseRules>(), Duration.FromHours(hours)));
        services.AddScoped(sp => sp.GetRequiredService<WhistlePolicyStore>().Current);
        services.AddScoped<WhistleDesk>();
        services.AddScoped<WhistleEscalationJob>();
        services.AddScoped<Letters.LetterDesk>();
        services.AddScoped<Letters.LetterRuleBook>();
        services.AddScoped<Letters.LetterProposalSweep>();
        services.AddScoped<Contracting.ContractingDesk>();
        services.AddScoped<Contracting.ContractingBoard>();
        services.AddScoped<WhistleLimitBook>();
        services.AddScoped<Contracting.RankingNoticeDesk>();
        services.AddScoped<Contracting.ReceptionDesk>();
        return services;
    }
}
