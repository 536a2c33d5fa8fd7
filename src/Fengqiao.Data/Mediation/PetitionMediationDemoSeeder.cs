using Fengqiao.Core.Cases;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Mediation;

/// <summary>
/// One demo 访调对接 pair: the first demo-district case still being handled is referred to a village committee's named
/// room; the mediation fails and goes back to the case. Taken through the desks, so both logs hold the links.
/// </summary>
public sealed class PetitionMediationDemoSeeder(FengqiaoDbContext db, IClock clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var handling = new[] { CaseState.Accepted, CaseState.Assigned, CaseState.InProgress };
        var code = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && handling.Contains(c.State) && db.CaseParties.Any(p => p.CaseId == c.Id))
            .OrderBy(c => c.RegisteredAt).Select(c => c.TrackingCode).FirstOrDefaultAsync(ct);
        var room = await db.MediationRooms.OrderBy(r => r.Name).FirstOrDefaultAsync(r => r.Name == "老杨调解室", ct);
        if (code is null || room is null)
        {
            return;
        }
        var mediations = new MediationDesk(db, clock);
        var links = new PetitionMediationDesk(db, mediations, clock);
        var record = await links.ReferAsync(code, room.CommitteeId, room.Id, DisputeKind.Neighbour, "邻居王某", "demo-clerk", ct);
        if (record is null)
        {
            return;
        }
        var actor = new MediationActor("demo-mediator", StaffPermissions.RolesFor(StaffAction.Mediate));
        await mediations.TakeAsync(record.Id, null, actor, MediationAction.Accept, new MediationStep(), ct);
        await mediations.TakeAsync(record.Id, null, actor, MediationAction.RecordConsent, new MediationStep(), ct);
        await mediations.TakeAsync(record.Id, null, actor, MediationAction.RecordFailure,
            new MediationStep(Reason: "双方对赔偿数额分歧较大", Routes: "已告知可继续通过信访渠道办理或向人民法院起诉"), ct);
        await links.ReturnAsync(record.Id, "调解不成，转回信访件继续办理", "demo-mediator", ct);
    }
}
