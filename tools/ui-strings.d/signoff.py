# Reply sign-off (答复签发): the handler drafts and submits, another person of the handling unit signs off or returns.
S.update({
    "CaseAction.SubmitReply": ("起草答复并报送签发", "Draft the reply for sign-off"),
    "CaseAction.ReturnReply": ("退回答复草稿", "Return the draft"),
    "SignOff.Pending": ("待签发的答复意见", "Reply waiting for sign-off"),
    "SignOff.DraftedBy": ("起草人 {0} · {1}", "Drafted by {0} · {1}"),
    "SignOff.OwnDraft": ("您起草的答复须由本单位其他负责人签发。", "A reply you drafted is signed off by someone else of your unit."),
    "SignOff.Edit": ("签发文本（可修改）", "Text to sign off (may be corrected)"),
    "SignOff.Queue": ("待签发", "Awaiting sign-off"),
})
