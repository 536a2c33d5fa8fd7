S.update({
 # 网格划分: the boundary drawing page
 "Draw.Title": ("网格划分", "Draw boundaries"),
 "Draw.Intro": ("选择一个村（社区）或网格，在地图上用左侧工具绘制或修改它的边界，然后保存。边界须为不自相交的面，并在区（县）边界以内；保存后，落在其中的位置即归属该村或网格。",
                "Choose a village or grid, draw or edit its boundary on the map with the tools on the left, then save. A boundary must be an area whose edges do not cross, inside the district's boundary; once saved, locations inside it are placed in that village or grid."),
 "Draw.Target": ("村（社区）或网格", "Village or grid"),
 "Draw.Save": ("保存边界", "Save boundary"),
 "Draw.Reset": ("恢复已保存的边界", "Back to the saved boundary"),
 "Draw.Help": ("多边形工具逐点绘制，双击或点击起点结束；编辑工具可拖动顶点；可绘制多个部分。", "The polygon tool draws point by point; double-click or click the first point to finish. The edit tool moves corners; a boundary may have several parts."),
 "Draw.Map": ("边界绘制地图", "Boundary drawing map"),
 "Draw.Grid": ("网格", "Grid"),
 "Draw.Village": ("村（社区）", "Village"),
 "Draw.HasOutline": ("已有边界", "has a boundary"),
 "Draw.Saved": ("{0}的边界已保存。", "The boundary of {0} is saved."),
 # The legend under the ledger's and dashboard's case maps
 "Map.Legend": ("图例：", "Legend:"),
 "Map.Pin.Open": ("案件", "Case"),
 "Map.Pin.Overdue": ("已超期", "Overdue"),
 "Map.Outline.District": ("区（县）界", "District boundary"),
 "Map.Outline.Town": ("乡镇（街道）界", "Town boundary"),
 "Map.Outline.Village": ("村（社区）界", "Village boundary"),
 "Map.Outline.Grid": ("网格界", "Grid boundary"),
})
