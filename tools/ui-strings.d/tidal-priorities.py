# Tidal planner: per-priority service standards on the staffing tab, and the stored working set.
S.update({
    "TidalPriority.Title": ("分级接处警标准", "Standards per priority"),
    "TidalPriority.Help": ("按警情等级单独设定处置时长、路程和等待目标；未列出的等级及无等级警情使用上方标准。", "Set on-scene time, travel and the waiting target for particular priorities; other priorities and calls without one use the standard above."),
    "TidalPriority.Level": ("警情等级", "Priority"),
    "TidalPriority.Add": ("添加等级标准", "Add a priority"),
    "TidalPriority.Remove": ("删除此等级", "Remove this priority"),
    "TidalPriority.NoneInData": ("当前数据不含警情等级，所有警情按上方标准计算。", "The working data carry no priorities, so every call uses the standard above."),
    "TidalPriority.InData": ("当前数据各等级警情数：{0}", "Calls per priority in the working data: {0}"),
})
