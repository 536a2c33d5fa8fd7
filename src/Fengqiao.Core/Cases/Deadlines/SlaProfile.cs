using System.Collections.Immutable;

namespace Fengqiao.Core.Cases.Deadlines;

/// <summary>
/// A set of time limits (时限规则) for one kind of business: the petition regulation, the procuratorate's 12309
/// rule, the 12345 hotline. Besides the periods it says which stage runs from registration (the intake stage, if
/// any) and which runs while the case is handled, so the case rules need not know any one regulation.
/// </summary>
public sealed class SlaProfile
{
    private readonly ImmutableDictionary<SlaStage, StageRule> _rules;

    private SlaProfile(string code, string name, ImmutableDictionary<SlaStage, StageRule> rules, SlaStage? intakeStage,
        SlaStage handlingStage, SlaStage? urgentHandlingStage, bool handlingCountsFromRegistration)
    {
        Code = code;
        Name = name;
        _rules = rules;
        IntakeStage = intakeStage;
        HandlingStage = handlingStage;
        UrgentHandlingStage = urgentHandlingStage;
        HandlingCountsFromRegistration = handlingCountsFromRegistration;
    }

    /// <summary>Stable identifier stored with each case, e.g. "petition".</summary>
    public string Code { get; }

    public string Name { get; }

    /// <summary>The stage that runs from registration until the case is accepted, refused or transferred; null when none.</summary>
    public SlaStage? IntakeStage { get; }

    /// <summary>The stage that runs while the case is handled until the written reply.</summary>
    public SlaStage HandlingStage { get; }

    /// <summary>The handling stage of cases marked urgent (紧急件), when the profile has one.</summary>
    public SlaStage? UrgentHandlingStage { get; }

    /// <summary>True when the handling period counts from registration (12309, 12345) rather than from acceptance (信访).</summary>
    public bool HandlingCountsFromRegistration { get; }

    public IEnumerable<StageRule> Rules => _rules.Values.OrderBy(r => r.Stage);

    public bool TryGetRule(SlaStage stage, out StageRule rule) => _rules.TryGetValue(stage, out rule!);

    public StageRule Rule(SlaStage stage) =>
        _rules.TryGetValue(stage, out var rule)
            ? rule
            : throw new InvalidOperationException($"时限规则『{Name}』没有环节 {stage} (profile {Code} has no {stage} stage)");

    /// <summary>The longest extension (延期) the profile allows, in calendar days; 0 when extensions are not allowed.</summary>
    public int MaxExtensionDays => _rules.TryGetValue(SlaStage.Extension, out var rule) ? ExtensionDays(rule) : 0;

    public static SlaProfile Create(string code, string name, IEnumerable<StageRule> rules, SlaStage? intakeStage,
        SlaStage handlingStage, SlaStage? urgentHandlingStage = null, bool handlingCountsFromRegistration = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new ArgumentException("时限规则代码不能为空 (profile code is required)", nameof(code));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("时限规则名称不能为空 (profile name is required)", nameof(name));
        }
        var builder = ImmutableDictionary.CreateBuilder<SlaStage, StageRule>();
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            if (!builder.TryAdd(rule.Stage, rule))
            {
                throw new ArgumentException($"环节 {rule.Stage} 重复 (stage {rule.Stage} given twice)", nameof(rules));
            }
        }
        var map = builder.ToImmutable();
        foreach (var stage in new[] { intakeStage, handlingStage, urgentHandlingStage, })
        {
            if (stage is { } s && !map.ContainsKey(s))
            {
                throw new ArgumentException($"环节 {s} 缺少期限 (stage {s} is named but has no period)", nameof(rules));
            }
        }
        if (map.TryGetValue(SlaStage.Extension, out var extension))
        {
            _ = ExtensionDays(extension);
        }
        return new SlaProfile(code.Trim(), name.Trim(), map, intakeStage, handlingStage, urgentHandlingStage, handlingCountsFromRegistration);
    }

    /// <summary>A copy with one stage's rule replaced or added (the administrator's edit).</summary>
    public SlaProfile With(StageRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Create(Code, Name, _rules.SetItem(rule.Stage, rule).Values, IntakeStage, HandlingStage, UrgentHandlingStage, HandlingCountsFromRegistration);
    }

    /// <summary>The handling stage for a case, urgent or not.</summary>
    public StageRule HandlingRule(bool urgent) =>
        Rule(urgent && UrgentHandlingStage is { } u ? u : HandlingStage);

    private static int ExtensionDays(StageRule rule) => rule.Period.Unit == Calendar.SlaUnit.CalendarDays
        ? rule.Period.Amount
        : throw new ArgumentException("延期期限应以自然日计 (the extension limit must be in calendar days)", nameof(rule));
}
