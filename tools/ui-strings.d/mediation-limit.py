# Warnings before the one-month mediation limit, and a mediator's work list.
S.update({
    'MediationLimit.DueSoon': ('即将到期', 'Due soon'),
    'MediationLimit.Overdue': ('已超期', 'Overdue'),
    'MediationLimit.Worklist': ('{0} 的调解工作清单', "{0}'s mediation work list"),
    'MediationLimit.WorklistExplain': ('到期前 {0} 天提示“即将到期”，超过期限提示“已超期”，须经双方当事人同意方可延长。即将到期 {1} 件，已超期 {2} 件。',
                                       'Cases are marked due soon {0} days before the time limit and overdue after it; only both parties together can agree an extension. Due soon: {1}; overdue: {2}.'),
})

# The resident's online application for people's mediation (网上申请调解) on the portal.
S.update({
    'MediationApply.Title': ('网上申请调解', 'Apply for mediation online'),
    'MediationApply.Intro': ('邻里、婚姻家庭、土地、劳动等矛盾纠纷，可以自主选择人民调解委员会、品牌调解室或调解员申请调解。人民调解不收费，双方自愿。',
                             'For disputes between neighbours, in families, over land, work and more, choose a mediation committee, a named mediation room or a mediator. People\'s mediation is free and voluntary for both sides.'),
    'MediationApply.Choose': ('选择调解组织或调解员', 'Choose who mediates'),
    'MediationApply.ChooseNote': ('可选调解委员会，也可直接选它的品牌调解室或调解员（附简介）。', 'Choose a committee, or one of its named rooms or mediators (with their profile).'),
    'MediationApply.Room': ('品牌调解室', 'Named room'),
    'MediationApply.Mediator': ('调解员', 'Mediator'),
    'MediationApply.Specialities': ('擅长', 'Specialities'),
    'MediationApply.Applicant': ('申请人姓名', 'Your name'),
    'MediationApply.Phone': ('手机号码', 'Mobile number'),
    'MediationApply.PhoneNote': ('11 位手机号码，仅供调解组织联系您，加密保存，不公开。', 'An 11-digit mobile number, only for the committee to reach you; stored encrypted, never shown publicly.'),
    'MediationApply.Respondent': ('对方当事人姓名或名称', "The other party's name"),
    'MediationApply.Matter': ('纠纷事项', 'What the dispute is about'),
    'MediationApply.MatterLimits': ('{0}–{1} 字', '{0}–{1} characters'),
    'MediationApply.Send': ('提交申请', 'Send the application'),
    'MediationApply.Received': ('申请已提交', 'Application sent'),
    'MediationApply.ReachedCommittee': ('已送达 {0}，待受理', 'Sent to {0}; awaiting acceptance'),
    'MediationApply.Receipt': ('申请回执号', 'Receipt code'),
    'MediationApply.ReceiptNote': ('请保存回执号。调解组织受理后会电话联系您。', 'Keep the receipt code. The committee will call you once it accepts.'),
    'MediationApply.Another': ('再提交一件', 'Send another'),
    'MediationApply.Link': ('网上申请调解', 'Apply for mediation online'),
})
