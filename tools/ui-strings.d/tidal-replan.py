# Tidal planner (issue 19): the day's re-plan by CP-SAT, and the greedy fallback said on the page.
S.update({
    "Tidal.Replan.Retimed": ("调整时段", "Other hours"),
    "Tidal.Replan.Removed": ("取消班次", "Shift dropped"),
    "Tidal.Replan.Running": ("正在重排…", "Re-planning…"),
    "Tidal.Replan.Method.CpSatOptimal": ("由优化求解器求得最优调整，用时 {0} 秒：未满足需求已最少，其余班次尽量不动。", "Optimal re-plan by the solver (CP-SAT) in {0} s: least unmet demand, and every other shift left as it was where possible."),
    "Tidal.Replan.Method.CpSatFeasible": ("由优化求解器在时限内求得调整，用时 {0} 秒；未能证明最优。", "Re-plan by the solver (CP-SAT) within its time limit, {0} s; not proven optimal."),
    "Tidal.Replan.Method.GreedyFallback": ("优化求解器未在时限内找到方案，已改用逐项贪心调整（用时 {0} 秒），结果可能不是最好。", "The solver found no re-plan in time, so the step-by-step greedy adjustment was used instead ({0} s); it may not be the best."),
    "Tidal.Replan.Method.Greedy": ("逐项贪心调整，用时 {0} 秒。", "Step-by-step greedy adjustment, {0} s."),
    "Tidal.Replan.KeptFallback": ("（贪心）", " (greedy)"),
})
