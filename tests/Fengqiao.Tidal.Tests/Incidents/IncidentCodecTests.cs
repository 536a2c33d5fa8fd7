using Fengqiao.Tidal.Incidents;

namespace Fengqiao.Tidal.Tests.Incidents;

public class IncidentCodecTests
{
    [Fact]
    public void An_imported_file_survives_encoding_to_the_minute_and_the_metre()
    {
        var incidents = IncidentImporter.ImportFile(TestData.Sample("houston_sample.csv"), ImportPresets.Houston).Incidents;
        var bytes = IncidentCodec.Encode(incidents);
        var back = IncidentCodec.Decode(bytes);
        Assert.Equal(incidents.Count, back.Count);
        for (var i = 0; i < incidents.Count; i++)
        {
            var (a, b) = (incidents[i], back[i]);
            Assert.Equal(a.Time.PlusSeconds(-a.Time.Second).PlusNanoseconds(-a.Time.NanosecondOfSecond), b.Time);
            Assert.Equal((a.Area, a.Type, a.Priority, a.ServiceMinutes), (b.Area, b.Type, b.Priority, b.ServiceMinutes));
            Assert.Equal(a.Location is null, b.Location is null);
            if (a.Location is { } p)
            {
                Assert.True(p.DistanceKm(b.Location!.Value) < 0.005, $"{p} vs {b.Location}");
            }
        }
    }

    [Fact]
    public void Priorities_service_times_and_missing_locations_round_trip()
    {
        Incident[] incidents =
        [
            new(new(2023, 1, 2, 8, 15), "521", "415", 0, 35.5, null),
            new(new(2023, 1, 2, 9, 0), "521", "415", 9, null, new GeoPoint(32.7, -117.1)),
            new(new(1999, 12, 31, 23, 59), "X", "t", null, null, null),
        ];
        var back = IncidentCodec.Decode(IncidentCodec.Encode(incidents));
        Assert.Equal(incidents.Select(i => (i.Time, i.Area, i.Type, i.Priority, i.ServiceMinutes)), back.Select(i => (i.Time, i.Area, i.Type, i.Priority, i.ServiceMinutes)));
        Assert.Null(back[0].Location);
        Assert.Empty(IncidentCodec.Decode(IncidentCodec.Encode([])));
    }

    [Fact]
    public void A_foreign_payload_is_refused()
    {
        Assert.ThrowsAny<Exception>(() => IncidentCodec.Decode([1, 2, 3]));
    }
}
