S.update({
 "Privacy.Reveal": ("查看完整信息", "Show in full"),
 "Privacy.ViewedBy": ("个人信息查看记录", "Personal data viewed by"),
})
