# 访调对接: a case referred to people's mediation and a failed mediation back to its case (case page panel, mediation page)
S.update({
    'CaseMediation.Panel': ('访调对接', 'Referral to mediation'),
    'CaseMediation.None': ('本件尚未转人民调解', 'Not referred to mediation'),
    'CaseMediation.OtherParty': ('对方当事人', 'Other party'),
    'CaseMediation.Refer': ('转人民调解', 'Refer to mediation'),
    'CaseMediation.Referred': ('已转人民调解', 'Referred to mediation'),
    'CaseMediation.Returned': ('调解不成，已转回信访件', 'failed, back to the case'),
    'CaseMediation.FromCase': ('由信访件转来', 'Referred from case'),
    'CaseMediation.Open': ('查看调解', 'Open the mediation'),
    'CaseMediation.Return': ('转回信访件办理', 'Back to the case'),
    'CaseMediation.ReturnNote': ('转回说明', 'Note'),
    'Mediation.PartySigned': ('当事人签字', 'Party signed'),
    'Event.link.mediation-referred': ('转人民调解（访调对接）', 'Referred to mediation'),
    'Event.link.mediation-returned': ('调解不成，转回信访件', 'Mediation failed, back to the case'),
    'Event.mediation.from-case': ('由信访件转来', 'Referred from a case'),
    'Event.mediation.back-to-case': ('转回信访件办理', 'Back to the case'),
})
