using NodaTime;

namespace Fengqiao.Core.Cases;

/// <summary>A written reply drafted by the handler and waiting for sign-off (答复意见书草稿，待签发).</summary>
public sealed record ReplyDraft(string Text, string DraftedBy, Instant DraftedAt);
