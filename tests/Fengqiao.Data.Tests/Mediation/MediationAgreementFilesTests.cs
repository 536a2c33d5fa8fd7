using DocumentFormat.OpenXml.Packaging;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Mediation;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Tests.Mediation;

/// <summary>The 人民调解协议书 as Word: a valid package carrying the contents 人民调解法第二十九条 lists, the signatures and the seal line; and its print view.</summary>
public sealed class MediationAgreementFilesTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_effective_demo_agreement_opens_as_docx_with_the_laws_contents()
    {
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, TestTime.Clock);
        // The demo's agreement in effect with judicial confirmation still open: 孙桂英 and 郑老三, dog bite damages.
        var agreed = await db.Mediations.AsNoTracking().Where(m => m.State == MediationState.Agreed && m.Parties.Contains("孙桂英")).SingleAsync(Ct);
        var document = (await desk.AgreementDocumentAsync(agreed.Id, Ct))!;
        var docx = MediationAgreementFiles.Docx(document);

        using (var stream = new MemoryStream(docx))
        using (var package = WordprocessingDocument.Open(stream, false))
        {
            Assert.NotNull(package.MainDocumentPart?.Document?.Body);
        }
        var text = string.Join("\n", OfficialDocx.ReadParagraphs(docx));
        foreach (var expected in new[]
                 {
                     "人民调解协议书", "申请人：孙桂英", "被申请人：郑老三", "纠纷的主要事实：郑老三饲养的犬只未拴养", "争议事项：医药费、误工费的赔偿数额",
                     "各方当事人的责任：郑老三未尽管理义务", "经调解，当事人自愿达成如下协议", "共计 4,060 元", "履行方式：分两期支付", "履行期限：",
                     "当事人（签名）：孙桂英", "人民调解员（签名）：", "本协议于 ", "一式 3 份", "三十日内共同向人民法院申请司法确认", "人民调解委员会（印章）",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.StartsWith(document.Committee, OfficialDocx.ReadParagraphs(docx)[0], StringComparison.Ordinal);

        var print = MediationAgreementFiles.PrintHtml(document, "打印");
        Assert.Contains("<h1>人民调解协议书</h1>", print, StringComparison.Ordinal);
        Assert.Contains("window.print()", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mediation_without_a_written_agreement_has_no_document()
    {
        await using var db = fixture.Database.Context();
        var desk = new MediationDesk(db, TestTime.Clock);
        var applied = await db.Mediations.AsNoTracking().Where(m => m.State == MediationState.Applied).Select(m => m.Id).FirstAsync(Ct);
        Assert.Null(await desk.AgreementDocumentAsync(applied, Ct));
    }
}
