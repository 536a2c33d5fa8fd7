# The top of the case page: where the case is and who has it.
S.update({
 "Case.Header.Category": ('事项分类', 'Category'),
 "Case.Header.Place": ('发生地', 'Place'),
 "Case.Header.RegisteringUnit": ('登记单位', 'Registered by'),
 "Case.Header.HandlingUnit": ('承办单位', 'Handling unit'),
 "Case.Header.ContractLeaders": ('包案领导', 'Contract leaders'),
 "Case.Header.None": ('—', '—'),
 "Case.Header.Point": ('上报坐标（纬度，经度）', 'Reported point (lat, long)'),
 "Case.Header.Media": ('群众提供的图片或视频链接', "Sender's photo or video link"),
 "Case.Header.PlaceEstimate": ('位置为估算，请核实：按上报坐标只估到区县或最近的村（社区），请核对坐标与地址，确定乡镇（街道）后再交办', 'The place is an estimate, please check it: the reported point only gave the district or the nearest village, so check the point and the address and settle the town before assigning'),
 "Case.AssignUnit": ('承办单位（本区县及上级，由近及远；送往其他区县请用转送）', 'Handling unit (this district and above, nearest first; use transfer for another district)'),
})
