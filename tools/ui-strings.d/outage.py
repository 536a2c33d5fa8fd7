# The database out of reach (数据库暂时无法访问): API problem details, Open311 errors and the error page.
S.update({
    'Outage.Title': ('系统暂时无法访问数据库', 'The database is briefly out of reach'),
    'Outage.Detail': ('本次请求未被受理，没有保存任何内容。请在几秒后重试；登记时使用同一 Idempotency-Key 重试，不会产生重复案件。', 'This request was not taken and nothing was saved. Try again in a few seconds; a registration retried with the same Idempotency-Key never creates a second case.'),
    'Error.RequestId': ('请求编号：', 'Request ID:'),
    'Outage.Page': ('系统正在恢复，您的提交未被受理，也没有保存任何内容。请稍候片刻，返回上一页再次提交；重复提交不会产生重复记录。', 'The system is recovering: your submission was not taken and nothing was saved. Please wait a moment, go back and submit again; submitting again never creates a duplicate.'),
})
# The same, inside a signed-in page whose live connection is still up: the page stays, the person retries there.
S.update({
    'Outage.Interactive': ('系统正在恢复，刚才的操作未被受理，也没有保存任何内容。请稍候几秒，点击“重试”后再次操作；较长的文字已保存在本机，会自动恢复。', 'The system is recovering: that step was not taken and nothing was saved. Wait a few seconds, choose Retry and do it again; longer texts are kept on this device and come back.'),
    'Error.Page': ('这一步未能完成，数据未被修改。请点击“重试”；如仍不行，请刷新页面。', 'That step did not complete and nothing was changed. Choose Retry; if it fails again, reload the page.'),
    'Error.Retry': ('重试', 'Retry'),
})
