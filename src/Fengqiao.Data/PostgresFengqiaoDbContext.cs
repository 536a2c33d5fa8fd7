using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data;

/// <summary>The production database. Instants are stored as timestamptz.</summary>
public sealed class PostgresFengqiaoDbContext(DbContextOptions<PostgresFengqiaoDbContext> options, IAccessScopeProvider? scopeProvider = null)
    : FengqiaoDbContext(options, scopeProvider)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantToUtcDateTimeConverter>().HaveColumnType("timestamp with time zone");
    }
}
