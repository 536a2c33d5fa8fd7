# The end of a service order: held, attendance, rating (on /services).
S.update({
    "Services.MarkHeld": ("登记已开展", "Mark as held"),
    "Services.Attendance": ("参加人数", "Attendance"),
    "Services.SaveAttendance": ("登记人数", "Record attendance"),
    "Services.AttendedLine": ("参加 {0} 人，待评价", "{0} attended, awaiting rating"),
    "Services.SaveRating": ("登记评价", "Record the rating"),
    "Services.RatedLine": ("参加 {0} 人 · {1} 星", "{0} attended · {1} stars"),
})
