using System.Globalization;
using Fengqiao.Core.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Core.Cases.Documents;

/// <summary>
/// Which documents a case has and what each says, read from its lifecycle events (信访工作条例 2022):
/// 受理 / 不予受理告知书 and 转送单 after the acceptance decision (statutory within 15 days of receipt), a 交办单 for
/// each assignment or reassignment, a 延期告知书 after an approved extension, and for each signed reply the
/// 处理意见书 (original stage), 复查意见书 (review) or 复核意见书 (re-review) with the facts found, the basis, the
/// decision, and the route onwards with its 30-day limit. A case closed on the spot has none. Pure: the same events
/// give the same documents, numbers included.
/// </summary>
public static class CaseDocuments
{
    /// <summary>Days from receipt within which the petitioner is told in writing whether the matter is accepted.</summary>
    public const int DecisionNoticeDays = 15;

    /// <summary>Days from receipt of an opinion within which the petitioner may ask for review or re-review.</summary>
    public const int ReviewRequestDays = 30;

    private const string OtherRoutes = "对依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，请依照有关法律、行政法规规定的程序向有关机关提出。";

    public static IReadOnlyList<CaseDocument> Of(CaseDocumentFacts facts, IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(events);
        var walk = new Walk(facts);
        foreach (var e in events)
        {
            walk.Read(e);
        }
        return walk.Documents;
    }

    /// <summary>The document of a kind and occurrence, or null when the case has none such.</summary>
    public static CaseDocument? Find(IEnumerable<CaseDocument> documents, CaseDocumentKind kind, int occurrence) =>
        documents.FirstOrDefault(d => d.Kind == kind && d.Occurrence == occurrence);

    private sealed class Walk(CaseDocumentFacts facts)
    {
        private readonly Dictionary<CaseDocumentKind, int> _counts = [];
        private LocalDate _received;
        private Guid _decider = facts.RegisteringUnit;
        private Guid? _handler;
        private Guid? _reviewer;
        private LocalDate? _due;
        private LocalDate? _requestedOn;
        private (string Days, string Reason)? _extension;

        public List<CaseDocument> Documents { get; } = [];

        private string Matter => $"“{facts.Title}”信访事项（编号：{facts.TrackingCode}）";

        private string Received => ChineseDate.Format(_received);

        private string? DueOn => _due is { } d ? ChineseDate.Format(d) : null;

        public void Read(CaseEvent e)
        {
            var on = e.At.InZone(DeadlineCalculator.ChinaTimeZone).Date;
            var data = e.Data;
            switch (e.Kind)
            {
                case CaseEventKinds.Registered:
                    _received = on;
                    break;
                case "case.accepted":
                    SetDue(data);
                    Add(CaseDocumentKind.AcceptanceNotice, e, facts.RegisteringUnit, PetitionerLine, DecisionDue,
                        $"你于{Received}提出的{Matter}已收悉。经审查，该事项属于本机关职责范围，依据《信访工作条例》的有关规定，决定予以受理。",
                        $"本机关将依法办理，{(DueOn is null ? "" : $"并于{DueOn}前")}作出处理意见并书面答复你。你可凭信访事项编号和查询码查询办理进度。",
                        "特此告知。");
                    break;
                case "case.not-accepted":
                    Add(CaseDocumentKind.NonAcceptanceNotice, e, facts.RegisteringUnit, PetitionerLine, DecisionDue,
                        $"你于{Received}提出的{Matter}已收悉。经审查，本机关决定不予受理，理由如下：{Sentence(data.GetValueOrDefault("reason"))}",
                        OtherRoutes,
                        "特此告知。");
                    break;
                case "case.transferred":
                    SetDue(data);
                    var to = UnitId(data, "toUnit");
                    Add(CaseDocumentKind.TransferSlip, e, facts.RegisteringUnit, UnitLine(to), DecisionDue,
                        [.. Lines(
                            $"现将{Received}登记的{Matter}转送你单位。该事项属于你单位职责范围，请依照《信访工作条例》的规定依法办理，"
                            + $"{(DueOn is null ? "" : $"于{DueOn}前")}作出处理意见并书面答复信访人，同时将办理结果反馈本机关。",
                            data.GetValueOrDefault("note") is { } note ? $"附言：{Sentence(note)}" : null)]);
                    if (to is { } t)
                    {
                        _decider = t;
                    }
                    break;
                case "case.assigned":
                case "case.reopened":
                    SetDue(data);
                    _handler = UnitId(data, "handlingUnit");
                    var co = (data.GetValueOrDefault("coHandlers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(s => Guid.TryParse(s, out var g) ? NameOf(g) : null).OfType<string>().ToList();
                    var reopened = e.Kind == "case.reopened";
                    Add(CaseDocumentKind.AssignmentSlip, e, _reviewer ?? _decider, UnitLine(_handler), null,
                        [.. Lines(
                            $"现将{Received}登记的{Matter}{(reopened ? "重新" : "")}交由你单位{(co.Count > 0 ? "牵头" : "")}办理。"
                            + $"请依照《信访工作条例》的规定认真调查核实，{(DueOn is null ? "" : $"于{DueOn}前")}作出处理意见并书面答复信访人，同时将办理结果报送本机关。",
                            co.Count > 0 ? $"协办单位：{string.Join("、", co)}。" : null,
                            reopened ? $"重新交办理由：{Sentence(data.GetValueOrDefault("reason"))}" : null)]);
                    break;
                case "case.extension-requested":
                    _extension = (data.GetValueOrDefault("days") ?? "", data.GetValueOrDefault("reason") ?? "");
                    break;
                case "case.extension-approved":
                    SetDue(data);
                    var (days, why) = _extension ?? (data.GetValueOrDefault("days") ?? "", "");
                    Add(CaseDocumentKind.ExtensionNotice, e, UnitId(data, "approverUnit") ?? _handler ?? _decider, PetitionerLine, null,
                        $"你于{Received}提出的{Matter}，{(why.Length > 0 ? $"因{why.TrimEnd('。')}，" : "因情况复杂，")}"
                        + $"经本机关负责人批准，办理期限延长{days}日{(DueOn is null ? "" : $"，将于{DueOn}前作出处理意见并书面答复你")}。",
                        "特此告知。");
                    break;
                case "case.review-requested":
                case "case.re-review-requested":
                    SetDue(data);
                    _reviewer = UnitId(data, "reviewingUnit");
                    _handler = null;
                    _requestedOn = on;
                    break;
                case "case.replied":
                    Reply(e, on);
                    break;
            }
        }

        private void Reply(CaseEvent e, LocalDate on)
        {
            var kind = e.Stage switch
            {
                CaseStage.Review => CaseDocumentKind.ReviewOpinion,
                CaseStage.ReReview => CaseDocumentKind.ReReviewOpinion,
                _ => CaseDocumentKind.ReplyOpinion,
            };
            var issuer = e.Stage == CaseStage.Original
                ? UnitId(e.Data, "signerUnit") ?? _handler ?? _decider
                : _reviewer ?? UnitId(e.Data, "signerUnit") ?? _decider;
            var request = kind switch
            {
                CaseDocumentKind.ReviewOpinion => $"你不服原处理意见，于{Format(_requestedOn)}请求复查。本机关依法进行了复查，",
                CaseDocumentKind.ReReviewOpinion => $"你不服复查意见，于{Format(_requestedOn)}请求复核。本机关依法进行了复核，",
                _ => "本机关依法进行了调查核实，",
            };
            var opinion = kind switch
            {
                CaseDocumentKind.ReviewOpinion => "复查意见",
                CaseDocumentKind.ReReviewOpinion => "复核意见",
                _ => "处理意见",
            };
            var sections = new List<CaseDocumentSection>
            {
                new(null, [$"你于{Received}提出的{Matter}，{request}现将{opinion}答复如下："]),
            };
            var reply = e.Data.GetValueOrDefault("replyText") ?? "";
            if (ReplySections.TrySplit(reply, out var facts, out var basis, out var decision))
            {
                sections.Add(new("一、查明的事实", facts));
                sections.Add(new("二、处理依据", basis));
                sections.Add(new($"三、{opinion}", decision));
            }
            else
            {
                sections.Add(new($"一、查明的事实、处理依据和{opinion}", ReplySections.Paragraphs(reply)));
            }
            sections.Add(new($"{(sections.Count == 2 ? "二" : "四")}、{(kind == CaseDocumentKind.ReReviewOpinion ? "终局说明" : "不服本意见的救济途径")}", [Route(kind, issuer, e.Data), "特此答复。"]));
            Add(kind, on, issuer, PetitionerLine, null, sections);
        }

        private string Route(CaseDocumentKind kind, Guid issuer, IReadOnlyDictionary<string, string> data)
        {
            if (kind == CaseDocumentKind.ReReviewOpinion)
            {
                return "本复核意见为终局意见。信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理。";
            }
            var above = facts.Units.GetValueOrDefault(issuer)?.ParentId is { } parent && NameOf(parent) is { } name ? name : "本机关的上一级机关、单位";
            var next = kind == CaseDocumentKind.ReviewOpinion ? "复核" : "复查";
            var by = data.GetValueOrDefault("reviewRequestDueAt") is { } due && InstantPattern.ExtendedIso.Parse(due) is { Success: true } parsed
                ? $"（即{ChineseDate.Format(parsed.Value.InZone(DeadlineCalculator.ChinaTimeZone).Date)}前）"
                : "";
            return $"如不服本{(kind == CaseDocumentKind.ReviewOpinion ? "复查" : "处理")}意见，可以自收到本意见书之日起{ReviewRequestDays}日内{by}，向{above}书面提出{next}请求。"
                + "逾期未提出的，视为接受本意见。" + OtherRoutes;
        }

        // The written decision is due within 15 days of receipt (counted in calendar days).
        private LocalDate DecisionDue => _received.PlusDays(DecisionNoticeDays);

        private string PetitionerLine => $"{facts.Petitioner}：";

        private string UnitLine(Guid? unit) => $"{(unit is { } u ? NameOf(u) : null) ?? "承办单位"}：";

        private string? NameOf(Guid unit) => facts.Units.GetValueOrDefault(unit)?.Name;

        private void SetDue(IReadOnlyDictionary<string, string> data)
        {
            if (data.GetValueOrDefault("dueDate") is { } d && LocalDatePattern.Iso.Parse(d) is { Success: true } parsed)
            {
                _due = parsed.Value;
            }
        }

        private void Add(CaseDocumentKind kind, CaseEvent e, Guid issuer, string addressee, LocalDate? statutoryBy, params string[] paragraphs) =>
            Add(kind, e.At.InZone(DeadlineCalculator.ChinaTimeZone).Date, issuer, addressee, statutoryBy, [new CaseDocumentSection(null, paragraphs)]);

        private void Add(CaseDocumentKind kind, LocalDate on, Guid issuer, string addressee, LocalDate? statutoryBy, IReadOnlyList<CaseDocumentSection> sections)
        {
            var occurrence = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
            if (!CaseDocumentNumber.TryFor(facts.NumberPrefix, kind, facts.TrackingCode, occurrence, out var number))
            {
                throw new ArgumentException($"无法为案件 {facts.TrackingCode} 生成文号（前缀 {facts.NumberPrefix}） (no document number for this tracking code and prefix)", nameof(facts));
            }
            Documents.Add(new CaseDocument(kind, occurrence, facts.TrackingCode, number, issuer, NameOf(issuer) ?? "（发文单位）", addressee, sections, on, statutoryBy));
        }

        private static Guid? UnitId(IReadOnlyDictionary<string, string> data, string key) =>
            data.GetValueOrDefault(key) is { } s && Guid.TryParse(s, out var g) && g != Guid.Empty ? g : null;

        private static string Format(LocalDate? date) => date is { } d ? ChineseDate.Format(d) : "";

        private static string Sentence(string? text)
        {
            var t = text?.Trim() ?? "";
            return t.Length == 0 || "。！？.!?".Contains(t[^1], StringComparison.Ordinal) ? t : t + "。";
        }

        private static IEnumerable<string> Lines(params string?[] lines) => lines.OfType<string>();
    }
}

/// <summary>
/// Splits a signed reply into the three parts an opinion must state when the drafter labelled them
/// (查明事实：… 处理依据：… 处理意见：…, each at the start of a line, 一、二、三、 allowed before the label; the English
/// UI's template labels Facts: Basis: Decision: count the same).
/// </summary>
public static class ReplySections
{
    private static readonly (string Part, string[] Labels)[] Parts =
    [
        ("facts", ["查明事实", "查明的事实", "经查明", "Facts"]),
        ("basis", ["处理依据", "依据", "Basis"]),
        ("decision", ["处理意见", "处理决定", "复查意见", "复核意见", "Decision"]),
    ];

    public static bool TrySplit(string reply, out IReadOnlyList<string> facts, out IReadOnlyList<string> basis, out IReadOnlyList<string> decision)
    {
        var found = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var raw in (reply ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var bare = line.TrimStart("一二三四、.．1234 ".ToCharArray());
            var hit = Parts.SelectMany(p => p.Labels.Select(l => (p.Part, Label: l)))
                .Where(x => bare.StartsWith(x.Label + "：", StringComparison.Ordinal) || bare.StartsWith(x.Label + ":", StringComparison.Ordinal))
                .Select(x => ((string Part, string Label)?)x).FirstOrDefault();
            if (hit is { } h && !found.ContainsKey(h.Part))
            {
                current = found[h.Part] = [];
                var rest = bare[(h.Label.Length + 1)..].Trim();
                if (rest.Length > 0)
                {
                    current.Add(rest);
                }
            }
            else
            {
                current?.Add(line);
            }
        }
        facts = found.GetValueOrDefault("facts") ?? [];
        basis = found.GetValueOrDefault("basis") ?? [];
        decision = found.GetValueOrDefault("decision") ?? [];
        return facts.Count > 0 && basis.Count > 0 && decision.Count > 0;
    }

    /// <summary>The reply's non-empty lines, each a paragraph.</summary>
    public static IReadOnlyList<string> Paragraphs(string reply) =>
        [.. (reply ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
