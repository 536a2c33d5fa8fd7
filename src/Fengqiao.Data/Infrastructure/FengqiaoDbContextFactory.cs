using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Infrastructure;

/// <summary>Scoped, so every context it makes carries the scope of the request or Blazor circuit it serves.</summary>
public sealed class FengqiaoDbContextFactory(DatabaseSettings settings, IAccessScopeProvider scope) : IDbContextFactory<FengqiaoDbContext>
{
    public FengqiaoDbContext CreateDbContext() => settings.CreateContext(scope);
}
