using System.Globalization;
using Fengqiao.Core.Places;
using Fengqiao.Data.Places;
using Fengqiao.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Fengqiao.Web.Components.Maps;

/// <summary>Cases as map pins (overdue red, estimated place amber) with the caption that counts what is not drawn.</summary>
public static class CaseMap
{
    public static IReadOnlyList<MapFeature> Features(CasePointSet set, IStringLocalizer<Strings> l) =>
    [
        .. set.Points.Select(p => MapFeature.Pin(
            new GeoPoint(p.Latitude, p.Longitude),
            $"{p.TrackingCode} · {p.Title}{(p.PlaceIsEstimate ? $" ({l["Map.Estimate"]})" : "")}",
            $"/cases/{Uri.EscapeDataString(p.TrackingCode)}",
            p.Overdue ? MapColours.Overdue : p.PlaceIsEstimate ? MapColours.Estimate : MapColours.Default,
            key: p.TrackingCode)),
    ];

    public static string Caption(CasePointSet set, IStringLocalizer<Strings> l)
    {
        var caption = string.Format(CultureInfo.CurrentCulture, l["Map.CasesCaption"], set.Points.Count, set.WithoutPoint);
        return set.Truncated ? caption + " " + string.Format(CultureInfo.CurrentCulture, l["Map.Truncated"], set.Points.Count) : caption;
    }
}
