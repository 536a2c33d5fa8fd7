namespace Fengqiao.Testing.Places;

/// <summary>
/// A small made-up boundary file for 垦利区 (370505): squares, not the real outlines. The district 118.40–118.80 E,
/// 37.40–37.80 N; 垦利街道 (370505001) 118.50–118.60 E, 37.55–37.65 N; 兴隆街道 (370505002) just east of it
/// (118.60–118.70 E); 和平社区 (370505001001) the south-west quarter of 垦利街道 (118.50–118.55 E, 37.55–37.60 N);
/// 永兴社区 (370505001002) known only by its centre, 118.45 E 37.45 N.
/// </summary>
public static class BoundaryFixture
{
    public static string KenliPath => Path.Combine(AppContext.BaseDirectory, "Places", "kenli-boundaries.geojson");
}
