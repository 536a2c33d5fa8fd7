using MudBlazor;

namespace Fengqiao.Web.Components.Shared;

/// <summary>
/// The modules of MISSION.md beyond cases. A module that has not landed yet shows its "not yet available" page;
/// when a module lands, its entry points at the module's own pages instead.
/// </summary>
public static class ModuleCatalog
{
    /// <param name="Policy">When set, the menu shows the module only to those the policy admits (e.g. police planners).</param>
    public sealed record Module(string Key, string Href, string Icon, string? Policy = null)
    {
        public string NavKey => $"Nav.{Key}";
        public string DescriptionKey => $"Module.{Key}.Description";
    }

    public static IReadOnlyList<Module> All { get; } =
    [
        new("Ledger", "/ledger", Icons.Material.Filled.TableChart),
        new("Whistles", "/whistles", Icons.Material.Filled.Campaign),
        new("Letters", "/letters", Icons.Material.Filled.Description),
        new("Contracting", "/contracting", Icons.Material.Filled.Handshake),
        new("Grid", "/grid", Icons.Material.Filled.GridOn),
        new("Mediation", "/mediation", Icons.Material.Filled.People),
        new("Suggestions", "/suggestions", Icons.Material.Filled.Lightbulb, Policies.AnswerSuggestions),
        new("Assessment", "/assessment", Icons.Material.Filled.Leaderboard),
        new("ServiceMenu", "/services", Icons.Material.Filled.MenuBook),
        new("Outreach", "/outreach", Icons.Material.Filled.Groups),
        new("Procuratorate", "/procuratorate", Icons.Material.Filled.Gavel),
        new("JudicialAid", "/judicial-aid", Icons.Material.Filled.VolunteerActivism, Policies.Procuratorate),
        new("Tidal", "/tidal", Icons.Material.Filled.LocalPolice, Policies.PolicePlanning),
        new("Text", "/text", Icons.Material.Filled.Psychology),
        new("Portal", "/portal", Icons.Material.Filled.PhoneIphone),
    ];

    public static Module? Find(string key) => All.FirstOrDefault(m => m.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
}
