namespace Fengqiao.Data;

/// <summary>
/// An entity with an optimistic concurrency token. The context bumps <see cref="Version"/> on every update, so a
/// second writer holding the old value gets a DbUpdateConcurrencyException instead of overwriting silently.
/// (SQLite has no rowversion, so one portable counter serves both providers.)
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
