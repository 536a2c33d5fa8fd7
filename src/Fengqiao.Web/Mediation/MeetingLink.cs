namespace Fengqiao.Web.Mediation;

/// <summary>
/// The video room of an online session, from the configured meeting provider's URL template
/// (<c>Mediation:MeetingUrlTemplate</c>, e.g. a self-hosted Jitsi Meet: <c>https://meet.example.org/fengqiao-{session}</c>);
/// none when no provider is configured, and the session runs as text plus the signed agreement.
/// </summary>
public static class MeetingLink
{
    public const string Setting = "Mediation:MeetingUrlTemplate";

    public static string? For(IConfiguration configuration, Guid mediation, int? session)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = configuration[Setting];
        return string.IsNullOrWhiteSpace(template) || session is null
            ? null
            : template.Replace("{session}", $"{mediation:N}-{session}", StringComparison.Ordinal);
    }
}
