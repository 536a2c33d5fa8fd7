S.update({
 # 网格划分: removing a village's or grid's boundary
 "Draw.Delete": ("删除边界", "Delete boundary"),
 "Draw.DeleteConfirm": ("确定删除{0}的边界吗？删除后，其中的位置将按村（社区）中心点或乡镇归属。", "Delete the boundary of {0}? Locations inside it will then be placed by the village centre or the town."),
 "Draw.DeleteYes": ("确认删除", "Delete"),
 "Draw.DeleteNo": ("取消", "Cancel"),
 "Draw.Deleted": ("{0}的边界已删除。", "The boundary of {0} is deleted."),
})
