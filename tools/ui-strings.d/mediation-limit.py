# Warnings before the one-month mediation limit, and a mediator's work list.
S.update({
    'MediationLimit.DueSoon': ('即将到期', 'Due soon'),
    'MediationLimit.Overdue': ('已超期', 'Overdue'),
    'MediationLimit.Worklist': ('{0} 的调解工作清单', "{0}'s mediation work list"),
    'MediationLimit.WorklistExplain': ('到期前 {0} 天提示“即将到期”，超过期限提示“已超期”，须经双方当事人同意方可延长。即将到期 {1} 件，已超期 {2} 件。',
                                       'Cases are marked due soon {0} days before the time limit and overdue after it; only both parties together can agree an extension. Due soon: {1}; overdue: {2}.'),
})
