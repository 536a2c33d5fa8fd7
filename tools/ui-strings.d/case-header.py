# The top of the case page: where the case is and who has it.
S.update({
 "Case.Header.Category": ('事项分类', 'Category'),
 "Case.Header.Place": ('发生地', 'Place'),
 "Case.Header.RegisteringUnit": ('登记单位', 'Registered by'),
 "Case.Header.HandlingUnit": ('承办单位', 'Handling unit'),
 "Case.Header.ContractLeaders": ('包案领导', 'Contract leaders'),
 "Case.Header.None": ('—', '—'),
 "Case.AssignUnit": ('承办单位（本区县及上级，由近及远；送往其他区县请用转送）', 'Handling unit (this district and above, nearest first; use transfer for another district)'),
})
