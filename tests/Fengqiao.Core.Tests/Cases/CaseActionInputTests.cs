using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Core.Tests.Cases;

public sealed class CaseActionInputTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 2, 9, 0);
    private static readonly Guid Unit = Guid.NewGuid();

    private static readonly CaseActionInput Full = new(Reason: "理由", Note: "备注", UnitId: Unit, Text: "答复", Rating: CaseRating.Satisfied, Days: 10,
        Grounds: "不服", Mediator: "调解员", Summary: "经过", Terms: "条款", Honoured: true);

    [Fact]
    public void Every_action_becomes_a_command_when_its_fields_are_given()
    {
        foreach (var action in Enum.GetValues<CaseAction>())
        {
            var command = Full.ToCommand(action, "clerk", Unit);
            Assert.True(command is not null, $"{action}");
            Assert.Equal(At, command(At).At);
        }
    }

    [Theory]
    [InlineData(CaseAction.Transfer)]
    [InlineData(CaseAction.Assign)]
    [InlineData(CaseAction.Rate)]
    [InlineData(CaseAction.RequestReview)]
    [InlineData(CaseAction.RequestExtension)]
    [InlineData(CaseAction.ApproveExtension)]
    [InlineData(CaseAction.RecordAgreementFollowUp)]
    public void An_action_missing_a_field_it_needs_gives_no_command(CaseAction action) =>
        Assert.Null(new CaseActionInput().ToCommand(action, "clerk", myUnit: null));

    [Fact]
    public void The_fields_reach_the_command()
    {
        var assign = Assert.IsType<AssignCase>(Full.ToCommand(CaseAction.Assign, "clerk", null)!(At));
        Assert.Equal(Unit, assign.HandlingUnit);
        var extension = Assert.IsType<RequestExtension>(Full.ToCommand(CaseAction.RequestExtension, "handler", null)!(At));
        Assert.Equal(10, extension.Days);
        Assert.Equal("理由", extension.Reason);
    }
}
