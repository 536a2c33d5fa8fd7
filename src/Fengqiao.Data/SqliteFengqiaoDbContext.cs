using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data;

/// <summary>The embedded database of the demo and of single-machine installs. Instants are stored as Unix milliseconds so they sort and compare in SQL.</summary>
public sealed class SqliteFengqiaoDbContext(DbContextOptions<SqliteFengqiaoDbContext> options, IAccessScopeProvider? scopeProvider = null)
    : FengqiaoDbContext(options, scopeProvider)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantToUnixMillisecondsConverter>();
    }
}
