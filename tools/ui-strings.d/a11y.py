# Accessibility and 适老化 (elderly-friendly): the portal's large-text switch.
S.update({
    "Portal.TextLarge": ("大字模式", "Large text"),
    "Portal.TextNormal": ("标准字号", "Normal text"),
})
