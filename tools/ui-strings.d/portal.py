# The public portal (群众诉求门户): submit, track, rate, review; the challenge after repeated failures.
S.update({
    "Portal.Title": ("群众诉求门户", "Residents' portal"),
    "Portal.Intro": ("反映问题、查询办理进度、评价答复，无需注册。", "Report a problem, follow its progress and rate the reply. No account needed."),
    "Portal.Submit": ("我要反映", "Report a problem"),
    "Portal.Track": ("查询进度", "Track a request"),
    "Portal.SubmitTitle": ("反映问题", "Report a problem"),
    "Portal.Category": ("事项分类", "Category"),
    "Portal.ChooseCategory": ("请选择分类", "Choose a category"),
    "Portal.Place": ("发生地点（街道/镇）", "Where (street or town)"),
    "Portal.ChoosePlace": ("请选择街道或镇", "Choose a street or town"),
    "Portal.Address": ("详细地址（选填）", "Address (optional)"),
    "Portal.Headline": ("标题（选填）", "Headline (optional)"),
    "Portal.Detail": ("诉求内容", "What happened"),
    "Portal.Name": ("姓名（选填）", "Your name (optional)"),
    "Portal.Phone": ("手机号码（用于答复）", "Mobile number (for the reply)"),
    "Portal.Photos": ("照片（选填，最多 3 张，每张不超过 2 MB，JPEG/PNG）", "Photos (optional, up to 3, 2 MB each, JPEG/PNG)"),
    "Portal.Send": ("提交", "Submit"),
    "Portal.Errors": ("提交未成功，请修改以下内容：", "Not submitted. Please correct the following:"),
    "Portal.Privacy": ("您的姓名和电话仅用于办理和答复，不会公开。", "Your name and phone are used only to handle and answer your request and are never published."),
    "Portal.Received": ("已收到您的诉求。请保存案件编号和查询码，凭此查询进度。", "Your request was received. Keep the case number and query code to track it."),
    "Portal.Petitioner": ("反映人", "Submitted by"),
    "Portal.Photos.Count": ("照片", "Photos"),
    "Portal.ReviewPrompt": ("对答复不满意？可在规定期限内申请复查。", "Not satisfied with the reply? You may ask for a review within the time limit."),
    "Portal.ReviewGrounds": ("复查理由", "Why the reply should be reviewed"),
    "Portal.RequestReview": ("申请复查", "Request a review"),
    "Portal.Reviewed": ("复查申请已提交，上级机关将重新办理。", "Your review request was submitted; the reviewing authority will handle the case again."),
    "Portal.Challenge": ("失败次数较多，请先回答：", "Several attempts failed. Please answer first:"),
    "Portal.ChallengeWrong": ("验证答案不正确，请重新计算。", "That answer was wrong. Please try the new question."),
})
S.update({
    "Portal.Step.Attachment": ("上传照片或附件", "Photo or file added"),
    "Portal.Step.Note": ("办理记录", "Handling note"),
})
S.update({
 "Portal.Services": ("点单式服务：预约普法、咨询、调解", "Order a service: law talks, advice, mediation"),
})
