# Accessibility and 适老化 (elderly-friendly): the portal's large-text switch.
S.update({
    "Portal.TextLarge": ("大字模式", "Large text"),
    "Portal.TextNormal": ("标准字号", "Normal text"),
})
S.update({
    "A11y.ShowChoices": ("展开选项", "Show choices"),
    "A11y.TimeUnit": ("时限单位", "unit of time"),
})
