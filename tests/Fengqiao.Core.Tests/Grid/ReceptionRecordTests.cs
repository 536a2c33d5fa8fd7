using Fengqiao.Core.Grid;
using NodaTime;

namespace Fengqiao.Core.Tests.Grid;

public class ReceptionRecordTests
{
    private static readonly ReceptionDay Day = new(new LocalDate(2026, 11, 3), new Leader("l1", "王书记", "镇党委书记"), GridFixture.Village, false);

    [Fact]
    public void A_reception_day_records_residents_and_matters_with_those_resolved_on_the_spot()
    {
        var record = ReceptionRecord.Create(Day, 7, ["宅基地界址纠纷", "低保资格咨询", " "], 1);
        Assert.Equal(2, record.Matters.Length);
        Assert.Equal(1, record.ResolvedOnTheSpot);
    }

    [Fact]
    public void More_matters_resolved_than_raised_or_matters_without_residents_are_refused()
    {
        Assert.Throws<GridRuleException>(() => ReceptionRecord.Create(Day, 3, ["一件事"], 2));
        Assert.Throws<GridRuleException>(() => ReceptionRecord.Create(Day, 0, ["一件事"], 0));
        Assert.Throws<GridRuleException>(() => ReceptionRecord.Create(Day, -1, [], 0));
    }
}
