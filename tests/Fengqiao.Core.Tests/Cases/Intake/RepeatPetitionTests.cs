using Fengqiao.Core.Cases.Intake;
using NodaTime;

namespace Fengqiao.Core.Tests.Cases.Intake;

public class RepeatPetitionTests
{
    private static readonly Instant Earlier = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly NewMatter Noise = new("城北物流园货车夜间噪音", "每晚十点以后货车进出，噪音扰民。", "HJ01");

    private static EarlierCase SamePerson(string title, string? detail, string? category, double estimated = 0) =>
        RepeatPetition.OfSamePerson(Noise, "KL-2026-000001", title, detail, category, Earlier, estimated);

    [Fact]
    public void The_same_person_raising_the_same_matter_again_is_a_repeat_petition()
    {
        var found = SamePerson("城北物流园货车夜间噪音", "每晚十点以后货车进出，噪音很大。", "HJ01");
        Assert.True(found.SamePerson);
        Assert.True(found.IsRepeat);
        Assert.True(found.Similarity >= MatterSimilarity.RepeatThreshold);
    }

    [Fact]
    public void The_same_person_on_another_matter_is_not_a_repeat() =>
        Assert.False(SamePerson("宅基地审批久拖不决", "多次到镇里反映无果", "HJ01").IsRepeat);

    [Fact]
    public void A_different_category_is_a_different_matter_however_alike_the_words() =>
        Assert.False(SamePerson("城北物流园货车夜间噪音", "每晚十点以后货车进出，噪音很大。", "JT02").IsRepeat);

    [Theory]
    [InlineData(null)]
    [InlineData("HJ01")]
    public void A_case_without_a_category_does_not_differ_by_category(string? category) =>
        Assert.True(SamePerson("城北物流园货车夜间噪音", "每晚十点以后货车进出，噪音很大。", category).IsRepeat);

    [Fact]
    public void The_index_estimate_counts_when_it_is_higher_than_the_bigrams()
    {
        var reworded = SamePerson("夜里大车太吵", null, "HJ01");
        Assert.False(reworded.IsRepeat);
        var estimated = SamePerson("夜里大车太吵", null, "HJ01", estimated: MatterSimilarity.RepeatThreshold);
        Assert.True(estimated.IsRepeat);
        Assert.Equal(MatterSimilarity.RepeatThreshold, estimated.Similarity);
    }

    [Fact]
    public void Another_persons_case_of_the_same_matter_is_a_hint_never_a_repeat()
    {
        var hint = RepeatPetition.OfSameMatter("KL-2026-000002", "城北物流园货车夜间噪音", Earlier, 1.2);
        Assert.False(hint.SamePerson);
        Assert.False(hint.IsRepeat);
        Assert.Equal(1, hint.Similarity);
    }

    [Fact]
    public void Repeats_come_first_then_the_most_alike_then_the_latest_and_unrelated_cases_of_the_person_are_left_out()
    {
        var repeat = new EarlierCase("A", "a", Earlier, 0.4, SamePerson: true, IsRepeat: true);
        var closeHint = new EarlierCase("B", "b", Earlier, 0.9, SamePerson: false, IsRepeat: false);
        var olderHint = new EarlierCase("C", "c", Earlier - Duration.FromDays(30), 0.5, SamePerson: false, IsRepeat: false);
        var newerHint = new EarlierCase("D", "d", Earlier, 0.5, SamePerson: false, IsRepeat: false);
        var unrelated = new EarlierCase("E", "e", Earlier, 0, SamePerson: true, IsRepeat: false);
        var faint = new EarlierCase("F", "f", Earlier, 0.1, SamePerson: true, IsRepeat: false);

        var shown = RepeatPetition.Ranked([unrelated, olderHint, faint, closeHint, newerHint, repeat]);

        Assert.Equal(["A", "B", "D", "C", "F"], shown.Select(c => c.TrackingCode));
        Assert.Equal(["A"], RepeatPetition.RepeatOf(shown));
    }

    [Fact]
    public void The_same_person_is_the_same_resident_or_the_same_phone_with_the_same_name()
    {
        var resident = Guid.CreateVersion7();
        var petitioners = new Petitioners([resident], [new PhoneAndName("phone-key", "王秀兰")]);

        Assert.True(petitioners.Include(resident, null, "任何人"));
        Assert.True(petitioners.Include(null, "phone-key", "王秀兰"));
        Assert.True(petitioners.Include(Guid.CreateVersion7(), "phone-key", "王秀兰"));
        Assert.False(petitioners.Include(null, "phone-key", "王秀英"));
        Assert.False(petitioners.Include(Guid.CreateVersion7(), "other-key", "王秀兰"));
        Assert.False(petitioners.Include(null, null, "王秀兰"));
    }
}
