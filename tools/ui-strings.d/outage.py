# The database out of reach (数据库暂时无法访问): API problem details, Open311 errors and the error page.
S.update({
    'Outage.Title': ('系统暂时无法访问数据库', 'The database is briefly out of reach'),
    'Outage.Detail': ('本次请求未被受理，没有保存任何内容。请在几秒后重试；登记时使用同一 Idempotency-Key 重试，不会产生重复案件。', 'This request was not taken and nothing was saved. Try again in a few seconds; a registration retried with the same Idempotency-Key never creates a second case.'),
    'Error.RequestId': ('请求编号：', 'Request ID:'),
    'Outage.Page': ('系统正在恢复，您的提交未被受理，也没有保存任何内容。请稍候片刻，返回上一页再次提交；重复提交不会产生重复记录。', 'The system is recovering: your submission was not taken and nothing was saved. Please wait a moment, go back and submit again; submitting again never creates a duplicate.'),
})
