S.update({
 # The planner's area map: next week's forecast by area for one hour
 "Tidal.Tab.Map": ("片区地图", "Area map"),
 "TidalMap.Intro": ("下周各片区每小时的预测警情：选择星期、拖动时刻，片区按预测警情着色。已导入边界的片区画出边界，其余以片区中心的圆点表示。",
                    "Next week's forecast incidents per area and hour: choose the weekday and move the hour, and the areas are coloured by the forecast. Areas with an imported boundary are drawn as outlines, the others as circles at their centres."),
 "TidalMap.Day": ("星期", "Weekday"),
 "TidalMap.Hour": ("时刻", "Hour"),
 "TidalMap.Summary": ("{0}（{1}）{2} 起一小时：全区预测警情 {3} 起；最忙：{4}", "{0} ({1}), the hour from {2}: {3} incidents forecast in the district; busiest: {4}"),
 "TidalMap.Legend": ("每小时预测警情（起）", "Forecast incidents per hour"),
 "TidalMap.Shapes": ("有边界的片区画出边界，其余为片区中心圆点；颜色按全周预测的分位数分级", "areas with a boundary are outlined, the others are circles at their centres; colours are quantile bands of the whole week's forecast"),
 "TidalMap.Map": ("片区预测警情地图", "Map of forecast incidents by area"),
 "TidalMap.NoPlaces": ("当前数据的片区没有位置（警情不含经纬度，也没有导入片区边界），无法画出地图。", "The areas of these data have no location (the incidents carry no coordinates and no area boundary is imported), so no map can be drawn."),
 "TidalMap.Unplaced": ("{0} 个片区没有位置，未画出。", "{0} areas have no location and are not drawn."),
})
