using Fengqiao.Text.Routing;

namespace Fengqiao.Text.Tests.Routing;

public class RoutingModelTests
{
    private static readonly Lazy<RoutingModel> Model = new(() =>
        RoutingModel.Train(MessageDataset.LoadFile(TestData.Sample("routing_sample.csv")).Messages
            .Concat(MessageDataset.LoadFile(TestData.Sample("titles_sample.csv")).Messages)));

    [Fact]
    public void Learns_the_seven_categories_of_the_sample()
    {
        Assert.Equal(7, Model.Value.Classes.Count);
        Assert.True(Model.Value.FeatureCount > 1000);
    }

    [Theory]
    [InlineData("小学入学学位不足", "孩子今年上小学，学区学校说学位不够，教育局能否协调入学？", "教育文体")]
    [InlineData("单位不给缴纳社保", "公司拖欠工资三个月，也不给我们缴纳养老保险和医疗保险。", "劳动和社会保障")]
    [InlineData("工厂排放废气污染", "附近化工厂每天晚上排放刺鼻废气，环保部门请来查处污染。", "环境保护")]
    public void Routes_plain_messages_to_the_obvious_category(string title, string detail, string expected)
        => Assert.Equal(expected, Model.Value.Predict(title, detail));

    [Fact]
    public void Suggestions_are_ranked_with_confidences_that_sum_to_at_most_one()
    {
        var s = Model.Value.Suggest("医院乱收费", "医院看病收费不合理，多收检查费。", 3);
        Assert.Equal(3, s.Count);
        Assert.True(s[0].Confidence >= s[1].Confidence && s[1].Confidence >= s[2].Confidence);
        Assert.InRange(s.Sum(x => x.Confidence), 0.0, 1.0000001);
        Assert.Equal(1.0, Model.Value.Probabilities("医院乱收费", "").Sum(), 6);
    }

    [Fact]
    public void Router_adds_the_department_from_the_table()
    {
        var router = new MessageRouter(Model.Value, DepartmentTable.Default);
        var top = router.Suggest("学校乱收费", "学校要求家长交补课费。", 1)[0];
        Assert.Equal("教育文体", top.Category);
        Assert.Equal("区教育局", top.Department);
    }

    [Fact]
    public void Saved_model_loads_and_predicts_identically()
    {
        using var ms = new MemoryStream();
        Model.Value.Save(ms);
        ms.Position = 0;
        var loaded = RoutingModel.Load(ms);
        Assert.Equal(Model.Value.Classes, loaded.Classes);
        var a = Model.Value.Probabilities("道路坑洼", "公交车站附近道路坑洼不平。");
        var b = loaded.Probabilities("道路坑洼", "公交车站附近道路坑洼不平。");
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
        => Assert.Throws<InvalidDataException>(() => RoutingModel.Load(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9])));

    [Fact]
    public void A_truncated_model_file_is_refused()
    {
        using var ms = new MemoryStream();
        Model.Value.Save(ms);
        var half = ms.ToArray()[..(int)(ms.Length / 2)];
        var ex = Assert.Throws<InvalidDataException>(() => RoutingModel.Load(new MemoryStream(half)));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_text_is_refused_with_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => Model.Value.Suggest("  ", "\n\t"));
        Assert.Contains("neither title nor detail", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_needs_two_categories()
        => Assert.Throws<ArgumentException>(() => RoutingModel.Train([new LabeledMessage("a", "b", "x"), new LabeledMessage("c", "d", "x")]));

    [Fact]
    public void Clerk_overrides_become_training_data()
    {
        var baseData = MessageDataset.LoadFile(TestData.Sample("routing_sample.csv")).Messages;
        const string title = "枫桥小镇灯笼节活动";
        const string detail = "枫桥小镇灯笼节活动场地安排问题。";
        var feedback = Enumerable.Range(0, 8).Select(i => new RouteFeedback(title + i, detail, "城乡建设", "商贸旅游")).ToArray();
        Assert.All(feedback, f => Assert.True(f.IsOverride));
        var retrained = RoutingModel.Retrain(baseData, feedback);
        Assert.Equal("商贸旅游", retrained.Predict(title, detail));
    }

    [Fact]
    public void Department_table_covers_the_fifteen_taxonomy_classes_and_loads_from_csv()
    {
        Assert.Equal(15, DepartmentTable.Default.Entries.Count);
        var table = DepartmentTable.Load(new StringReader("category,department\n城乡建设,垦利区住建局\n坏行\n"), null);
        Assert.Equal("垦利区住建局", table.DepartmentFor("城乡建设"));
        Assert.Equal(DepartmentTable.Fallback, table.DepartmentFor("政法"));
    }

    [Fact]
    public void Report_computes_macro_f1_and_confusion()
    {
        var r = ClassificationReport.From(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
        Assert.Equal(0.75, r.Accuracy, 6);
        Assert.Equal(1, r.Confusion[0][1]);
        Assert.Equal(((2.0 / 3) + 0.8) / 2, r.MacroF1, 6);
    }

    [Fact]
    public void Cross_validation_on_the_sample_runs_and_scores_well_above_chance()
    {
        var data = MessageDataset.LoadFile(TestData.Sample("routing_sample.csv")).Messages;
        var cv = CrossValidation.Run(data, folds: 5, onlyFolds: 2);
        Assert.Equal(2, cv.FoldMacroF1.Count);
        Assert.True(cv.MeanMacroF1 > 0.5, $"macro-F1 {cv.MeanMacroF1}");
    }
}
