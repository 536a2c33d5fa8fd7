using Fengqiao.Core.Letters;
using NodaTime;

namespace Fengqiao.Core.Tests.Letters;

/// <summary>Issue 18: a supervision letter states the case's real record and the reason typed, and files under a readable name.</summary>
public class LetterFactsTests
{
    private static string FirstParagraph(CaseStanding standing, string? reason = null) =>
        LetterContent.Render(LetterFixture.Template(), LetterFixture.Facts with { Standing = standing, Reason = reason }).Paragraphs[0];

    [Fact]
    public void A_case_never_assigned_to_the_recipient_is_not_said_to_be_with_it_nor_overdue_unless_it_is()
    {
        var text = FirstParagraph(new CaseStanding(null, new LocalDate(2026, 3, 20), Overdue: false));
        Assert.Equal("KL2026-000123号信访事项（幸福小区积水）已于2026年1月5日登记，尚未交由你单位办理，办理期限至2026年3月20日，尚在办理期限内。", text);
        Assert.DoesNotContain("超过办理期限", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_assigned_to_the_recipient_and_overdue_says_both_with_the_dates()
    {
        var text = FirstParagraph(new CaseStanding(new LocalDate(2026, 1, 8), new LocalDate(2026, 3, 6), Overdue: true), "群众反映多次未果");
        Assert.Equal("KL2026-000123号信访事项（幸福小区积水）已于2026年1月5日登记，于2026年1月8日交由你单位办理，办理期限为2026年3月6日，现已超过办理期限。督办事由：群众反映多次未果。", text);
    }

    [Fact]
    public void Without_a_record_the_letter_states_only_the_registration() =>
        Assert.Equal("KL2026-000123号信访事项（幸福小区积水）已于2026年1月5日登记，尚未交由你单位办理。", FirstParagraph(CaseStanding.Unknown));

    [Fact]
    public void Word_files_are_named_by_type_and_number_or_for_a_draft_by_case_and_recipient()
    {
        Assert.Equal("督办函-垦信督〔2026〕3号.docx", LetterTypes.FileName(LetterType.Supervision, DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 3), "KL-2026-000123", "区住建局"));
        Assert.Equal("风险提示函（征求意见稿）-KL-2026-000123-区住建局_城管.docx", LetterTypes.FileName(LetterType.RiskAlert, null, "KL-2026-000123", "区住建局/城管"));
    }
}
