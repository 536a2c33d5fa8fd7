# Issue 18's friction items: queue filters (/cases), map zoom buttons, and the rest of the list.
S.update({
    "Queue.Deadline": ("期限状态", "Deadline"),
    "Queue.Overdue": ("已超期", "Overdue"),
    "Queue.DueSoon": ("即将到期", "Due soon"),
    "Queue.Filters": ("筛选", "Filters"),
    "Queue.Clear": ("清除筛选", "Clear filters"),
    "Query.RateChosen": ("您选择的评价：{0}。评价提交后不能更改，请确认。", "Your rating: {0}. It cannot be changed once sent; please confirm."),
    "Query.RateConfirm": ("确认提交评价", "Send this rating"),
    "Query.RateChange": ("重新选择", "Choose again"),
    "Cases.ShowHashes": ("查看校验值", "Show hashes"),
    "Cases.ActorInUnit": ("{0}（{1}）", "{0} ({1})"),
    "Map.ZoomIn": ("放大", "Zoom in"),
    "Map.ZoomOut": ("缩小", "Zoom out"),
})
