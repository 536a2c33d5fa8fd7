# Intake friction (issue 18): required fields are marked.
S.update({
    "Intake.RequiredNote": ("带 * 的为必填项", "Fields marked * are required"),
})
