namespace Fengqiao.Core.Calendar;

/// <summary>The traffic light of a running time limit.</summary>
public enum DeadlineStatus
{
    OnTrack = 1, // 正常（绿）
    DueSoon = 2, // 临期（黄）
    Overdue = 3, // 超期（红）
}
