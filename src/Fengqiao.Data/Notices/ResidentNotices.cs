using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Notices;

/// <summary>
/// Queues the petitioner's notices for a step of their case in the same save as the step itself (an outbox): an SMS
/// to every party's phone (the address is the encrypted phone; only the SMS sender decrypts it) and an in-app notice
/// when the resident has a portal account. Representatives of a collective petition stand for the group.
/// </summary>
public static class ResidentNotices
{
    public static async Task QueueAsync(FengqiaoDbContext db, CaseRecord record, Core.Cases.CaseEvent e, int sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        if (ResidentNotice.For(e, record.TrackingCode, record.QueryCode, record.Title, record.DueAt) is not { } notice)
        {
            return;
        }
        var parties = db.CaseParties.Local.Where(p => p.CaseId == record.Id).ToList();
        if (parties.Count == 0)
        {
            parties = await db.CaseParties.IgnoreQueryFilters().AsNoTracking().Where(p => p.CaseId == record.Id).ToListAsync(cancellationToken);
        }
        if (parties.Any(p => p.IsRepresentative))
        {
            parties = [.. parties.Where(p => p.IsRepresentative)];
        }
        var subject = "【枫桥】" + notice.Text;
        foreach (var party in parties.Where(p => p.PhoneCipher is not null).DistinctBy(p => p.PhoneIndex))
        {
            db.Notices.Add(new Notice
            {
                DedupKey = $"{notice.Kind}:{record.Id:N}:{sequence}:{party.Id:N}:sms",
                Channel = NoticeChannel.Sms,
                Address = party.PhoneCipher,
                CaseId = record.Id,
                Kind = notice.Kind,
                Subject = subject,
                Body = notice.Text,
                CreatedAt = e.At,
            });
        }
        if (record.ResidentAccountId is { } account)
        {
            db.Notices.Add(new Notice
            {
                DedupKey = $"{notice.Kind}:{record.Id:N}:{sequence}:account",
                Channel = NoticeChannel.InApp,
                AccountId = account,
                CaseId = record.Id,
                Kind = notice.Kind,
                Subject = subject,
                Body = notice.Text,
                CreatedAt = e.At,
            });
        }
    }
}
