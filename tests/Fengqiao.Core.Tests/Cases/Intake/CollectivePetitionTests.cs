using Fengqiao.Core.Cases.Intake;

namespace Fengqiao.Core.Tests.Cases.Intake;

public class CollectivePetitionTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(300, true)]
    public void Five_or_more_people_make_a_petition_collective(int? people, bool collective) =>
        Assert.Equal(collective, CollectivePetition.Is(people));

    [Theory]
    [InlineData(5, 1)]
    [InlineData(5, 5)]
    [InlineData(30, 3)]
    public void A_collective_petition_of_five_or_more_with_one_to_five_representatives_is_accepted(int people, int representatives) =>
        Assert.Empty(CollectivePetition.Check(people, representatives));

    [Fact]
    public void Four_people_are_not_a_collective_petition()
    {
        var problem = Assert.Single(CollectivePetition.Check(4, 2));
        Assert.Equal(CollectivePetitionPart.People, problem.Part);
        Assert.Contains("5 or more people", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_collective_petition_chooses_one_to_five_representatives(int representatives)
    {
        var problem = Assert.Single(CollectivePetition.Check(5, representatives));
        Assert.Equal(CollectivePetitionPart.Representatives, problem.Part);
        Assert.Contains("1 to 5 representatives", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_people_and_no_representative_are_both_reported() =>
        Assert.Equal([CollectivePetitionPart.People, CollectivePetitionPart.Representatives], CollectivePetition.Check(4, 0).Select(p => p.Part));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void An_individual_petition_may_name_up_to_five_representatives(int representatives) =>
        Assert.Empty(CollectivePetition.Check(null, representatives));

    [Fact]
    public void Even_without_a_group_size_six_representatives_are_too_many()
    {
        var problem = Assert.Single(CollectivePetition.Check(null, 6));
        Assert.Equal(CollectivePetitionPart.Representatives, problem.Part);
        Assert.Contains("at most 5 representatives", problem.Message, StringComparison.Ordinal);
    }
}
