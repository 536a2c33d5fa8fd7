namespace Fengqiao.Core.Organisations;

/// <summary>The five levels of the GB/T 2260 tree that Fengqiao works with.</summary>
public enum DivisionLevel
{
    Province = 1, // 省
    City = 2,     // 市
    County = 3,   // 区 / 县
    Town = 4,     // 街道 / 镇 / 乡
    Village = 5,  // 村 / 社区
}
