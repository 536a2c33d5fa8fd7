using MudBlazor;

namespace Fengqiao.Web.Components.Shared;

/// <summary>
/// The modules of MISSION.md beyond cases. A module that has not landed yet shows its "not yet available" page;
/// when a module lands, its entry points at the module's own pages instead.
/// </summary>
public static class ModuleCatalog
{
    public sealed record Module(string Key, string Href, string Icon)
    {
        public string NavKey => $"Nav.{Key}";
        public string DescriptionKey => $"Module.{Key}.Description";
    }

    public static IReadOnlyList<Module> All { get; } =
    [
        new("Ledger", "/ledger", Icons.Material.Filled.TableChart),
        new("Whistles", "/modules/whistles", Icons.Material.Filled.Campaign),
        new("Letters", "/modules/letters", Icons.Material.Filled.Description),
        new("Grid", "/grid", Icons.Material.Filled.GridOn),
        new("Assessment", "/assessment", Icons.Material.Filled.Leaderboard),
        new("ServiceMenu", "/services", Icons.Material.Filled.MenuBook),
        new("Procuratorate", "/procuratorate", Icons.Material.Filled.Gavel),
        new("Tidal", "/modules/tidal", Icons.Material.Filled.LocalPolice),
        new("Text", "/modules/text", Icons.Material.Filled.Psychology),
        new("Portal", "/modules/portal", Icons.Material.Filled.PhoneIphone),
    ];

    public static Module? Find(string key) => All.FirstOrDefault(m => m.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
}
