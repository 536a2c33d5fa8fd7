using System.Net.Mail;
using Microsoft.Extensions.Logging;

namespace Fengqiao.Data.Notices;

/// <summary>Delivers one channel's notices. The dispatcher marks a notice sent only after <see cref="SendAsync"/> returns.</summary>
public interface INoticeSender
{
    NoticeChannel Channel { get; }

    Task SendAsync(Notice notice, CancellationToken cancellationToken);
}

/// <summary>In-app notices are shown on the unit's dashboard from the outbox itself; sending only records that.</summary>
public sealed class InAppNoticeSender : INoticeSender
{
    public NoticeChannel Channel => NoticeChannel.InApp;

    public Task SendAsync(Notice notice, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; } = true;
    public string From { get; set; } = "fengqiao@localhost";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>E-mail over SMTP (Notices:Smtp). Without a host configured, every e-mail notice fails and is retried later.</summary>
public sealed class SmtpNoticeSender(SmtpOptions options) : INoticeSender
{
    public NoticeChannel Channel => NoticeChannel.Email;

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Host) || string.IsNullOrWhiteSpace(notice.Address))
        {
            throw new InvalidOperationException("未配置邮件服务器或收件地址 (no SMTP host or no recipient address)");
        }
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (!string.IsNullOrEmpty(options.UserName))
        {
            client.Credentials = new System.Net.NetworkCredential(options.UserName, options.Password);
        }
        using var message = new MailMessage(options.From, notice.Address, notice.Subject, notice.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>The SMS provider a deployment plugs in (each province contracts its own gateway).</summary>
public interface ISmsGateway
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}

/// <summary>The stand-in gateway: writes the message to the log, so a test deployment shows what would have gone out.</summary>
public sealed partial class LoggingSmsGateway(ILogger<LoggingSmsGateway> log) : ISmsGateway
{
    public Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        WouldSend(log, phone.Length > 4 ? phone[^4..] : phone, text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS to …{PhoneTail}: {Text}")]
    private static partial void WouldSend(ILogger logger, string phoneTail, string text);
}

/// <summary>Text messages. The address is the recipient's phone encrypted at rest; it is decrypted only here, to send.</summary>
public sealed class SmsNoticeSender(ISmsGateway gateway, Security.PersonalDataProtector protector) : INoticeSender
{
    public NoticeChannel Channel => NoticeChannel.Sms;

    public Task SendAsync(Notice notice, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(notice.Address)
            ? throw new InvalidOperationException("缺少手机号 (no phone number)")
            : gateway.SendAsync(protector.Reveal(notice.Address), notice.Subject, cancellationToken);
}
