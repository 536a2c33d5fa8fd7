# The end of a service order: held, attendance, rating (on /services).
S.update({
    "Services.MarkHeld": ("登记已开展", "Mark as held"),
    "Services.Attendance": ("参加人数", "Attendance"),
    "Services.SaveAttendance": ("登记人数", "Record attendance"),
    "Services.AttendedLine": ("参加 {0} 人，待评价", "{0} attended, awaiting rating"),
    "Services.SaveRating": ("登记评价", "Record the rating"),
    "Services.RatedLine": ("参加 {0} 人 · {1} 星", "{0} attended · {1} stars"),
})

# The office's own steps on an order (on /services): dispatch by hand (人工派单) and cancel at the orderer's request.
S.update({
    "Services.Dispatch": ("派单", "Dispatch"),
    "Services.DispatchTo": ("派给", "Send to"),
    "Services.Dispatched": ("已派单，待服务方确认", "Dispatched; waiting for the provider to accept"),
    "Services.NoCandidate": ("暂无合适的服务方：", "No provider fits:"),
    "Services.CandidateReasons": ("{0}（{1}）", "{0} ({1})"),
    "Services.ReasonSeparator": ("；", "; "),
    "Services.Cancel": ("取消订单", "Cancel the order"),
    "Services.CancelReason": ("取消理由", "Reason for cancelling"),
    "Services.CancelConfirm": ("确认取消", "Confirm cancellation"),
    "Services.Cancelled": ("订单已取消", "The order is cancelled"),
})
