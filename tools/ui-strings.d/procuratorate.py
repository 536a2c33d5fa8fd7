# Procuratorate service: 12309 compliance.
S.update({
    "Procuratorate.Title": ("检察服务 · 12309", "Procuratorate · 12309"),
    "Procuratorate.Count": ("您可见的 12309 检察信访共 {0} 件", "{0} 12309 petitions in your scope"),
    "Procuratorate.Reply": ("七日内程序性回复率", "Procedural reply within 7 days"),
    "Procuratorate.Result": ("三个月内办理过程或结果答复率", "Process or result within 3 months"),
    "Procuratorate.Detail": ("按期 {0} 件，超期 {1} 件，期限内未答复 {2} 件", "{0} on time, {1} late, {2} still within the limit"),
    "Procuratorate.National": ("全国：{0} %", "National: {0} %"),
})
