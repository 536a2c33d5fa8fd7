using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Tidal;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tidal;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Web.Tests.Tidal;

internal static class TidalTestWorkspace
{
    /// <summary>
    /// A workspace on the host's database that sees every unit's working sets (the system's scope): the latest stored
    /// anywhere, which in these tests is the demo planner's. Another instance is as another web node would be.
    /// </summary>
    public static TidalWorkspace TidalWorkspace(this FengqiaoWebFactory factory) => new(
        new TidalStore(new FengqiaoDbContextFactory(factory.Services.GetRequiredService<DatabaseSettings>(), new SystemAccessScopeProvider())),
        factory.Services.GetRequiredService<TidalNodeCache>(),
        factory.Services.GetRequiredService<IClock>());

    /// <summary>A context that sees every unit's rows: the tidal tables are scoped, and a test checks what was stored.</summary>
    public static Fengqiao.Data.FengqiaoDbContext WholeDatabase(this FengqiaoWebFactory factory) =>
        factory.Services.GetRequiredService<DatabaseSettings>().CreateContext(new SystemAccessScopeProvider());
}
