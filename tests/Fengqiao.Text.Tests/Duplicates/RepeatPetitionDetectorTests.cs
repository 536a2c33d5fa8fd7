using Fengqiao.Text.Duplicates;

namespace Fengqiao.Text.Tests.Duplicates;

public class RepeatPetitionDetectorTests
{
    private const string First = "我家住在A市A2区丽发新城小区，小区旁边新建的搅拌站每天夜里施工，噪音和粉尘严重影响休息，请环保部门查处。";
    private const string Reworded = "再次反映：丽发新城小区旁边搅拌站夜里施工，噪音粉尘问题至今没有解决，老人孩子无法休息，请尽快查处搅拌站。";
    private const string OtherMatter = "我的孩子今年上小学，学区学校说学位不足，请问教育局能否协调入学问题？";

    [Fact]
    public void Same_person_rewording_the_same_matter_is_a_repeat()
    {
        using var detector = new RepeatPetitionDetector();
        Assert.False(detector.CheckAndRegister(1, First, "A0001", "13800000000").IsRepeat);
        detector.Register(2, OtherMatter, "A0001");
        var check = detector.CheckAndRegister(3, Reworded, "a0001");
        Assert.Equal([1L, 2], check.SamePerson);
        var repeat = Assert.Single(check.SamePersonSameMatter);
        Assert.Equal(1, repeat.Id);
        Assert.True(check.IsRepeat);
    }

    [Fact]
    public void Same_matter_from_someone_else_is_not_a_repeat_but_is_listed()
    {
        using var detector = new RepeatPetitionDetector();
        detector.Register(1, First, "A0001");
        var check = detector.Check(First + "谢谢！", "B0002");
        Assert.False(check.IsRepeat);
        Assert.Empty(check.SamePerson);
        Assert.Equal(1, Assert.Single(check.SameMatter).Id);
    }

    [Fact]
    public void Same_person_with_a_new_matter_is_first_time()
    {
        using var detector = new RepeatPetitionDetector();
        detector.Register(1, First, "A0001");
        var check = detector.Check(OtherMatter, "A0001");
        Assert.Equal([1L], check.SamePerson);
        Assert.False(check.IsRepeat);
    }
}
