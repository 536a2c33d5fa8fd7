namespace Fengqiao.Data.Categories;

/// <summary>A node of the three-level matter taxonomy (事项分类): 01 城乡建设 → 0101 安全生产 → 010101 事故处理.</summary>
public sealed class Category
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }
    public int Level { get; set; }
}
