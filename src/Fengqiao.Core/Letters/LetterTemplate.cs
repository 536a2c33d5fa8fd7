using System.Collections.Immutable;
using System.Text;

namespace Fengqiao.Core.Letters;

/// <summary>
/// A letter template as data an administrator edits: title, salutation and body paragraphs with placeholders
/// such as {case.code}. Placeholders are checked when the template is made, so a typo is found at editing time
/// rather than when a letter is due.
/// </summary>
public sealed record LetterTemplate
{
    public LetterTemplate(string code, LetterType type, string title, string salutation, IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        Code = string.IsNullOrWhiteSpace(code) ? throw new LetterRuleException("模板编码不能为空 (template code is required)") : code.Trim();
        Type = Enum.IsDefined(type) ? type : throw new LetterRuleException("未知的函件类型 (unknown letter type)");
        Title = string.IsNullOrWhiteSpace(title) ? throw new LetterRuleException("模板标题不能为空 (a template needs a title)") : title.Trim();
        Salutation = salutation?.Trim() ?? string.Empty;
        Paragraphs = [.. paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())];
        if (Paragraphs.IsEmpty)
        {
            throw new LetterRuleException("模板至少要有一段正文 (a template needs at least one paragraph)");
        }
        foreach (var text in Paragraphs.Prepend(Salutation).Prepend(Title))
        {
            foreach (var name in LetterTemplateRenderer.Placeholders(text))
            {
                if (!LetterFacts.Known.Contains(name))
                {
                    throw new LetterRuleException($"模板含有未知的占位符 {{{name}}} (unknown placeholder {{{name}}}); 可用 (known): {string.Join(' ', LetterFacts.Known.Order(StringComparer.Ordinal).Select(k => "{" + k + "}"))}");
                }
            }
        }
    }

    public string Code { get; }

    public LetterType Type { get; }

    public string Title { get; }

    public string Salutation { get; }

    public ImmutableArray<string> Paragraphs { get; }

    /// <summary>The built-in templates, one per type; a district replaces them with its own wording.</summary>
    public static ImmutableArray<LetterTemplate> Defaults { get; } =
    [
        new("supervision.default", LetterType.Supervision, "关于{case.title}的督办函", "{unit}：",
        [
            // The facts come from the case's record (case.standing): a letter once said "交由你单位办理，现已超过办理期限"
            // of a case never assigned to its recipient.
            "{case.code}号信访事项（{case.title}）{case.standing}。{reason.line}",
            "根据《信访工作条例》有关规定，请你单位高度重视，于{deadline}前依法依规办理完毕，并将办理结果书面报送{issuer}。",
            "逾期未报送的，将按规定予以通报。",
        ]),
        new("risk-alert.default", LetterType.RiskAlert, "关于{case.title}的风险提示函", "{unit}：",
        [
            "{case.code}号信访事项（{case.title}）存在{risk}，可能引发集体访或越级访。",
            "请你单位落实包案责任，做好稳控化解工作，于{deadline}前将风险化解情况书面报送{issuer}。",
        ]),
        new("accountability.default", LetterType.AccountabilitySuggestion, "关于{case.title}的问责建议函", "{unit}：",
        [
            "{case.code}号信访事项（{case.title}）办理中，{reason}。",
            "根据《信访工作责任制实施细则》，建议对相关责任人予以问责，并于{deadline}前将处理结果书面反馈{issuer}。",
        ]),
    ];
}

/// <summary>
/// Fills placeholders. Values are inserted as they are and never re-read as template text, so a case title that
/// contains "{unit}" cannot inject anything; an unknown or unfilled placeholder is an error, never an empty gap;
/// "{{" and "}}" stand for literal braces.
/// </summary>
public static class LetterTemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var output = new StringBuilder(template.Length + 64);
        Scan(template, literal => output.Append(literal), name =>
        {
            if (!values.TryGetValue(name, out var value))
            {
                throw new LetterRuleException($"占位符 {{{name}}} 没有对应的值 (no value for placeholder {{{name}}})");
            }
            output.Append(value);
        });
        return output.ToString();
    }

    /// <summary>The placeholder names a template uses, in order of appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var names = new List<string>();
        Scan(template, _ => { }, names.Add);
        return names;
    }

    private static void Scan(string template, Action<string> literal, Action<string> placeholder)
    {
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal("{");
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal("}");
                i += 2;
            }
            else if (c == '{')
            {
                var end = template.IndexOf('}', i + 1);
                var name = end < 0 ? null : template[(i + 1)..end];
                if (name is null || name.Length == 0 || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '.' or '_'))
                {
                    throw new LetterRuleException($"模板第 {i + 1} 个字符处的占位符格式错误 (malformed placeholder at character {i + 1}; use {{name}}, and {{{{ }}}} for braces)");
                }
                placeholder(name);
                i = end + 1;
            }
            else if (c == '}')
            {
                throw new LetterRuleException($"模板第 {i + 1} 个字符处有多余的 }} (stray '}}' at character {i + 1}; write }}}} for a brace)");
            }
            else
            {
                var next = template.IndexOfAny(['{', '}'], i);
                var stop = next < 0 ? template.Length : next;
                literal(template[i..stop]);
                i = stop;
            }
        }
    }
}
