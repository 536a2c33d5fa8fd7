using System.Collections.Immutable;
using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Core.Tests.Cases;

public sealed class ResidentNoticeTests
{
    private static CaseEvent Event(string kind, params (string Key, string Value)[] data) =>
        new(kind, CaseState.Registered, CaseState.Accepted, CaseStage.Original, Instant.FromUtc(2026, 11, 2, 1, 0), "clerk",
            data.ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    [Fact]
    public void Acceptance_names_the_case_the_reply_date_in_china_and_the_query_code()
    {
        var notice = ResidentNotice.For(Event("case.accepted"), "KL-2026-000123", "ABCD2345", "小区电梯长期故障", Instant.FromUtc(2026, 12, 31, 17, 0));

        Assert.NotNull(notice);
        Assert.Equal("resident.accepted", notice.Kind);
        Assert.Contains("KL-2026-000123", notice.Text, StringComparison.Ordinal);
        Assert.Contains("ABCD2345", notice.Text, StringComparison.Ordinal);
        // 17:00 UTC on 31 December is 1 January in Shanghai.
        Assert.Contains("2027年1月1日前答复", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_gives_the_reason_and_internal_steps_tell_the_resident_nothing()
    {
        var refused = ResidentNotice.For(Event("case.not-accepted", ("reason", "已经依法处理")), "KL-2026-000124", "ABCD2345", "一个很长很长很长很长很长很长很长很长的标题需要截断", null);

        Assert.Contains("理由：已经依法处理", refused!.Text, StringComparison.Ordinal);
        Assert.Contains("…", refused.Text, StringComparison.Ordinal);
        Assert.Null(ResidentNotice.For(Event("case.assigned"), "KL-2026-000125", "ABCD2345", "标题", null));
        Assert.Null(ResidentNotice.For(Event("case.handling-started"), "KL-2026-000125", "ABCD2345", "标题", null));
    }
}
