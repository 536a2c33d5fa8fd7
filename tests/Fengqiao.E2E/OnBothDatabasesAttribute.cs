using Xunit.v3;

namespace Fengqiao.E2E;

/// <summary>
/// A journey whose outcome depends on the database itself (durability, an outage, long text in real columns, spatial
/// placement, the whole case flow), so the test command runs it on PostgreSQL as well as SQLite. The other journeys
/// check pages; they run on SQLite only, while the Data and Web suites run every query on both databases.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OnBothDatabasesAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Databases";

    public const string Value = "Both";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, Value)];
}
