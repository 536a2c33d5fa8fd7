using Fengqiao.Core.Calendar;
using Fengqiao.Core.Letters;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Letters.LetterFixture;

namespace Fengqiao.Core.Tests.Letters;

public class LetterTests
{
    [Fact]
    public void A_draft_is_rendered_from_its_template_and_has_no_number_yet()
    {
        var t = Letter.Draft(Request());
        Assert.Equal(LetterState.Drafted, t.Letter.State);
        Assert.Equal(LetterEvent.Drafted, t.Event.Kind);
        var doc = t.Letter.ToDocument();
        Assert.Null(doc.Number);
        Assert.Null(doc.Date);
        Assert.Equal("关于幸福小区积水的督办函", doc.Title);
        Assert.Equal("区住建局", doc.RecipientName);
    }

    [Fact]
    public void The_drafter_cannot_approve_their_own_draft()
    {
        var e = Assert.Throws<LetterRuleException>(() => Drafted().Approve(At(2026, 3, 10, 11), "drafter"));
        Assert.Contains("own draft", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_must_be_approved_before_it_is_issued() =>
        Assert.Throws<LetterRuleException>(() => Drafted().Issue(DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 1), Calculator, IssueAt, "clerk"));

    [Fact]
    public void Issuing_numbers_the_letter_and_starts_a_30_day_reply_deadline()
    {
        var letter = IssuedSupervision();
        Assert.Equal(LetterState.Issued, letter.State);
        Assert.Equal("垦信督〔2026〕15号", letter.Number.ToString());
        Assert.Equal(new LocalDate(2026, 3, 11), letter.IssueDate);
        Assert.Equal(new LocalDate(2026, 4, 10), letter.ReplyDeadline!.DueDate);
        Assert.Equal(LetterReplyStatus.Awaiting, letter.ReplyStatusAt(At(2026, 4, 10, 17)));
        Assert.Equal(LetterReplyStatus.Overdue, letter.ReplyStatusAt(StartOf(2026, 4, 11)));
        var doc = letter.ToDocument();
        Assert.Equal(letter.Number, doc.Number);
        Assert.Equal(new LocalDate(2026, 3, 11), doc.Date);
    }

    [Fact]
    public void A_number_of_another_issuer_type_or_year_is_refused()
    {
        foreach (var wrong in new[]
                 {
                     DocumentNumber.Create("东信", LetterType.Supervision, 2026, 1),
                     DocumentNumber.Create("垦信", LetterType.RiskAlert, 2026, 1),
                     DocumentNumber.Create("垦信", LetterType.Supervision, 2025, 1),
                 })
        {
            Assert.Throws<LetterRuleException>(() => Approved().Issue(wrong, Calculator, IssueAt, "clerk"));
        }
    }

    [Fact]
    public void An_issued_letter_cannot_be_revised()
    {
        var letter = IssuedSupervision();
        var e = Assert.Throws<LetterRuleException>(() => letter.Revise(letter.Content with { Title = "改" }, At(2026, 3, 12), "drafter"));
        Assert.Contains("draft a correction", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revising_an_approved_draft_withdraws_the_approval()
    {
        var approved = Approved();
        var revised = approved.Revise(approved.Content with { Title = "关于幸福小区积水问题的督办函" }, At(2026, 3, 10, 16), "drafter").Letter;
        Assert.Equal(LetterState.Drafted, revised.State);
        Assert.Null(revised.ApprovedBy);
    }

    [Fact]
    public void A_correction_is_a_new_draft_that_refers_to_the_issued_letter()
    {
        var original = IssuedSupervision();
        var t = original.DraftCorrection(Guid.NewGuid(), Template(), Facts with { CaseTitle = "幸福小区雨后积水" }, At(2026, 3, 12), "drafter");
        Assert.NotEqual(original.Id, t.Letter.Id);
        Assert.Equal(LetterState.Drafted, t.Letter.State);
        Assert.Equal(original.Number, t.Letter.Corrects!.Number);
        Assert.Equal(original.Number, t.Letter.ToDocument().Corrects);
        Assert.Equal("垦信督〔2026〕15号", t.Event.Data["corrects"]);
        Assert.Equal(LetterState.Issued, original.State);
    }

    [Fact]
    public void A_draft_is_not_corrected_but_revised() =>
        Assert.Throws<LetterRuleException>(() => Drafted().DraftCorrection(Guid.NewGuid(), Template(), Facts, At(2026, 3, 12), "d"));

    [Fact]
    public void Replying_to_a_letter_not_addressed_to_your_unit_is_refused()
    {
        var e = Assert.Throws<LetterRuleException>(() => IssuedSupervision().Reply(Labour, At(2026, 3, 20), "labour", "已办理"));
        Assert.Contains("not addressed to your unit", e.Message, StringComparison.Ordinal);
        Assert.Throws<LetterRuleException>(() => IssuedSupervision().Acknowledge(Labour, At(2026, 3, 12), "labour"));
    }

    [Fact]
    public void The_recipient_acknowledges_and_replies_on_time()
    {
        var letter = IssuedSupervision()
            .Acknowledge(Housing, At(2026, 3, 12), "housing").Letter
            .Reply(Housing, At(2026, 4, 1), "housing", "已完成排水改造").Letter;
        Assert.Equal(LetterState.Replied, letter.State);
        Assert.Equal(LetterReplyStatus.RepliedOnTime, letter.ReplyStatusAt(At(2026, 6, 1)));
        Assert.Throws<LetterRuleException>(() => letter.Reply(Housing, At(2026, 4, 2), "housing", "again"));
    }

    [Fact]
    public void A_late_reply_is_recorded_as_late()
    {
        var t = IssuedSupervision().Reply(Housing, At(2026, 4, 20), "housing", "已完成");
        Assert.Equal("true", t.Event.Data["late"]);
        Assert.Equal(LetterReplyStatus.RepliedLate, t.Letter.ReplyStatusAt(At(2026, 4, 21)));
        Assert.Equal(At(2026, 4, 20), t.Letter.AcknowledgedAt);
    }

    [Fact]
    public void A_reply_period_can_be_set_at_issue()
    {
        var letter = Approved().Issue(DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 2), Calculator, IssueAt, "clerk", SlaPeriod.WorkingDays(5)).Letter;
        Assert.Equal(new LocalDate(2026, 3, 18), letter.ReplyDeadline!.DueDate);
    }

    [Fact]
    public void A_unit_cannot_address_a_letter_to_itself() =>
        Assert.Throws<LetterRuleException>(() => Letter.Draft(Request() with { RecipientUnit = Bureau }));

    [Fact]
    public void Only_an_issued_letter_can_be_cited() =>
        Assert.Throws<LetterRuleException>(() => Drafted().Reference);

    [Fact]
    public void Each_step_is_one_event_with_before_and_after_states()
    {
        var approved = Drafted().Approve(At(2026, 3, 10, 15), "leader");
        Assert.Equal((LetterState.Drafted, LetterState.Approved), (approved.Event.Before, approved.Event.After));
        var link = approved.Event.ToLink(approved.Letter.Id, 2);
        Assert.Contains("\"after\":\"Approved\"", link.Data, StringComparison.Ordinal);
        Assert.Equal(2, approved.Letter.Version);
    }

    [Fact]
    public void Actions_dated_before_the_previous_one_are_refused() =>
        Assert.Throws<LetterRuleException>(() => Drafted().Approve(At(2026, 3, 9), "leader"));

    private static DeadlineCalculator Calculator => Fengqiao.Core.Tests.Calendar.ChinaTime.Calculator;
}
