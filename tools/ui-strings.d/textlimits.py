S.update({
    "Limits.AtMost": ("不超过 {0} 字", "At most {0} characters"),
    "Limits.TooLong": ("超过 {0} 字（现有 {1} 字），请删减后再提交", "Longer than {0} characters (now {1}); shorten it before sending"),
    "Drafts.Restored": ("已恢复未提交的内容", "Text you had not sent yet was restored"),
})
