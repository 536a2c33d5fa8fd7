using CsCheck;
using Fengqiao.Core.Letters;

namespace Fengqiao.Core.Tests.Letters;

public class DocumentNumberTests
{
    [Fact]
    public void A_number_is_written_like_an_official_document_number()
    {
        var n = DocumentNumber.Create("垦信", LetterType.Supervision, 2026, 15);
        Assert.Equal("垦信督〔2026〕15号", n.ToString());
    }

    [Fact]
    public void Parsing_reads_issuer_type_year_and_sequence()
    {
        var n = DocumentNumber.Parse(" 东营垦信险〔2025〕7号 ");
        Assert.Equal(("东营垦信", LetterType.RiskAlert, 2025, 7), (n.IssuerPrefix, n.Type, n.Year, n.Sequence));
    }

    [Theory]
    [InlineData("垦信督[2026]15号")]     // square brackets instead of 〔〕
    [InlineData("垦信督【2026】15号")]
    [InlineData("垦信督〔2026〕015号")]   // no leading zeros (不编虚位)
    [InlineData("垦信督〔2026〕0号")]
    [InlineData("垦信督〔26〕15号")]
    [InlineData("垦信督〔2026〕号")]
    [InlineData("垦信督〔2026〕15")]
    [InlineData("垦信甲〔2026〕15号")]   // unknown type character
    [InlineData("督〔2026〕15号")]       // no issuer prefix
    [InlineData("KL督〔2026〕15号")]     // prefix must be Chinese
    [InlineData("垦信督〔1999〕15号")]
    [InlineData("垦信督〔2026〕100000号")]
    [InlineData("")]
    public void Malformed_numbers_are_refused_with_a_reason(string text)
    {
        Assert.False(DocumentNumber.TryParse(text, out _, out var error));
        Assert.Contains("(", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DocumentNumber.Parse(text));
    }

    [Fact]
    public void A_default_number_cannot_be_read() =>
        Assert.Throws<InvalidOperationException>(() => default(DocumentNumber).IssuerPrefix);

    private static readonly Gen<string> Prefixes = Gen.Char['\u4e00', '\u9fff'].Array[1, DocumentNumber.MaxPrefixLength].Select(c => new string(c));

    private static readonly Gen<DocumentNumber> Numbers = Gen.Select(Prefixes, Gen.Enum<LetterType>(), Gen.Int[DocumentNumber.MinYear, DocumentNumber.MaxYear], Gen.Int[1, DocumentNumber.MaxSequence],
        (p, t, y, s) => DocumentNumber.Create(p, t, y, s));

    [Fact]
    public void Formatting_then_parsing_gives_the_same_number() =>
        Numbers.Sample(n => Assert.Equal(n, DocumentNumber.Parse(n.ToString())), iter: 5000);

    [Fact]
    public void Two_numbers_print_the_same_only_when_they_are_equal() =>
        Gen.Select(Numbers, Numbers).Sample((a, b) => Assert.Equal(a == b, a.ToString() == b.ToString()), iter: 5000);

    [Fact]
    public void A_sequence_hands_out_1_2_3_without_gaps()
    {
        var seq = DocumentNumberSequence.Start("垦信", LetterType.Supervision, 2026);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            (var n, seq) = seq.Next();
            numbers.Add(n.ToString());
        }
        Assert.Equal(["垦信督〔2026〕1号", "垦信督〔2026〕2号", "垦信督〔2026〕3号"], numbers);
    }

    [Fact]
    public void A_resumed_sequence_continues_after_the_last_paper_number()
    {
        var (n, _) = DocumentNumberSequence.Resume("垦信", LetterType.RiskAlert, 2026, 14).Next();
        Assert.Equal("垦信险〔2026〕15号", n.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumberSequence.Resume("垦信", LetterType.RiskAlert, 2026, -1));
        Assert.Throws<LetterRuleException>(() => DocumentNumberSequence.Resume("垦信", LetterType.RiskAlert, 2026, DocumentNumber.MaxSequence).Next());
    }

    [Fact]
    public void A_sequence_never_repeats_a_number() =>
        Gen.Select(Prefixes, Gen.Enum<LetterType>(), Gen.Int[0, 1000], Gen.Int[1, 200]).Sample((prefix, type, start, count) =>
        {
            var seq = DocumentNumberSequence.Resume(prefix, type, 2026, start);
            var seen = new HashSet<DocumentNumber>();
            for (var i = 0; i < count; i++)
            {
                (var n, seq) = seq.Next();
                Assert.True(seen.Add(n));
                Assert.Equal(start + i + 1, n.Sequence);
            }
        }, iter: 300);
}
