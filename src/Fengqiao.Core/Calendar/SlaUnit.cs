namespace Fengqiao.Core.Calendar;

/// <summary>How a time limit is counted.</summary>
public enum SlaUnit
{
    CalendarDays = 1, // 日（自然日）
    WorkingDays = 2,  // 工作日
    Hours = 3,        // 小时（连续计算）
    Months = 4,       // 个月
}
