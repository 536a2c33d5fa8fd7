using Fengqiao.Core.Organisations;
using Fengqiao.Core.People;

namespace Fengqiao.Core.Tests.People;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("11010519491231002", "******")]
    [InlineData("not an id", "******")]
    public void Id_numbers_keep_region_and_last_four_or_nothing(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.IdNumber(value));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0546-8123456", "0546-***3456")]
    [InlineData("12345", "****")]
    public void Phones_keep_prefix_and_last_four_or_nothing(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Phone(value));

    [Fact]
    public void Only_roles_that_meet_the_person_may_reveal()
    {
        var allowed = Enum.GetValues<StaffRole>().Where(r => RoleCatalog.MayRevealPersonalData([r])).ToHashSet();

        Assert.Equal(new HashSet<StaffRole> { StaffRole.Clerk, StaffRole.Handler, StaffRole.PetitionAgent, StaffRole.Procurator, StaffRole.JudicialOfficer }, allowed);
        Assert.False(RoleCatalog.MayRevealPersonalData([]));
        Assert.True(RoleCatalog.MayRevealPersonalData([StaffRole.TownLeader, StaffRole.Handler]));
    }
}
