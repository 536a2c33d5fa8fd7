using System.Globalization;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>One titled part of a document and its paragraphs.</summary>
public sealed record DocumentPart(string? Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The written agreement (人民调解协议书) as a document, with the contents 人民调解法第二十九条 lists: the parties; the
/// facts, the matters in dispute and each side's responsibility; the agreed terms; the manner and deadline of
/// performance; then each signature with its instant (and, for one given online, the SHA-256 of the signed text), the
/// committee's seal line, and the copies. One copy per party plus the committee's.
/// </summary>
public sealed record AgreementDocument(string Committee, string Title, IReadOnlyList<DocumentPart> Parts, string SealLine, string DateText)
{
    public const string DocumentTitle = "人民调解协议书";

    /// <summary>The document of <paramref name="mediation"/>'s written agreement, or null when it has none.</summary>
    public static AgreementDocument? For(Mediation mediation, string committee, string? mediator)
    {
        ArgumentNullException.ThrowIfNull(mediation);
        if (mediation.Agreement?.Terms is not { } terms)
        {
            return null;
        }
        var zone = Mediation.Zone;
        string Time(Instant at) => at.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var sides = mediation.Parties.Select(p => $"{(p.Side == PartySide.Applicant ? "申请人" : "被申请人")}：{p.Name}").ToList();
        var signatures = new List<string>();
        foreach (var party in terms.Parties)
        {
            var signed = mediation.Signatures.FirstOrDefault(s => !s.IsMediator && s.Signer == party);
            signatures.Add(signed is null
                ? $"当事人（签名）：{party}　　　　（未在线签署）"
                : $"当事人（签名）：{party}　签署时间：{Time(signed.At)}（短信验证码在线签署，文本 SHA-256：{signed.TextSha256}）");
        }
        var byMediator = mediation.Signatures.FirstOrDefault(s => s.IsMediator);
        signatures.Add(byMediator is null
            ? $"人民调解员（签名）：{mediator ?? ""}　　　　（未在线签署）"
            : $"人民调解员（签名）：{byMediator.Signer}　签署时间：{Time(byMediator.At)}（文本 SHA-256：{byMediator.TextSha256}）");
        var effective = mediation.Agreement.EffectiveAt;
        signatures.Add(effective is { } e ? $"本协议于 {Time(e)} 生效。" : "本协议自各方当事人和人民调解员签名、人民调解委员会盖章之日起生效（尚未生效）。");
        var copies = terms.Parties.Length + 1;
        var parts = new List<DocumentPart>
        {
            new("一、当事人", sides),
            new("二、纠纷的主要事实、争议事项及各方当事人的责任",
                [$"纠纷的主要事实：{terms.Facts}", $"争议事项：{terms.MattersInDispute}", $"各方当事人的责任：{terms.Responsibility}"]),
            new("三、经调解，当事人自愿达成如下协议", [terms.AgreedTerms]),
            new("四、履行方式和期限", [$"履行方式：{terms.PerformanceManner}", $"履行期限：{ChineseDate.Format(terms.PerformanceDeadline)}前履行完毕。"]),
            new("五、其他事项",
            [
                $"本协议书一式 {copies} 份，当事人各执一份，人民调解委员会留存一份。",
                "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（人民调解法第三十一条、第三十三条）。",
            ]),
            new("六、签名", signatures),
        };
        var date = effective ?? mediation.Agreement.RecordedAt;
        return new AgreementDocument(committee, DocumentTitle, parts, $"{committee}（印章）", ChineseDate.Format(date.InZone(zone).Date));
    }
}
