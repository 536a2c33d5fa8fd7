using Fengqiao.Core.Organisations;

namespace Fengqiao.Data.Scope;

/// <summary>Tells the data layer whose eyes a query is for. The web host reads the signed-in principal; the CLI and timers act as the system.</summary>
public interface IAccessScopeProvider
{
    AccessScope Current { get; }
}

/// <summary>For the CLI, the seeder and background timers: sees everything.</summary>
public sealed class SystemAccessScopeProvider : IAccessScopeProvider
{
    public AccessScope Current => AccessScope.System;
}

/// <summary>A fixed scope, for tests and for acting on behalf of a known account.</summary>
public sealed class FixedAccessScopeProvider(AccessScope scope) : IAccessScopeProvider
{
    public AccessScope Current => scope;
}
