using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Open311;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Portal;

/// <summary>
/// The demo's Open311 side: one client (a city-service app) registering for 垦利区信访局, with a key derived from a fixed
/// seed so the README can print it, and a handful of requests it posted, so GET requests has something to show.
/// </summary>
public static class Open311DemoSeeder
{
    public const string ClientName = "城市服务 App（演示）";

    /// <summary>The demo key: the same on every demo database, like the demo passwords. Never use it outside the demo.</summary>
    public static string DemoKey { get; } =
        Core.Open311.Open311ApiKey.Prefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("fengqiao-demo-open311"u8));

    private static readonly (string Category, string Town, string Detail, string Phone)[] Requests =
    [
        ("0102", "370505001", "胜利路与西二路路口的路灯连续一周不亮，夜间行人很多，存在安全隐患。", "13905460001"),
        ("0102", "370505002", "小区南门外污水井盖破损下陷，电动车经过容易摔倒。", "13905460002"),
        ("0102", "370505001", "楼下商铺夜间施工噪音很大，持续到凌晨一点，影响休息。", "13905460003"),
        ("0102", "370505101", "胜坨镇公交站台的遮雨棚被大风吹坏，候车群众淋雨。", "13905460004"),
        ("0101", "370505002", "农贸市场内电线私拉乱接，存在火灾隐患，请相关部门检查。", "13905460005"),
    ];

    /// <summary>Returns how many cases it registered, which the demo's case count includes.</summary>
    public static async Task<int> SeedAsync(FengqiaoDbContext db, CaseRules rules, IClock clock, Security.PersonalDataProtector protector, CancellationToken cancellationToken = default)
    {
        var bureau = await db.Units.FirstOrDefaultAsync(u => u.Kind == UnitKind.PetitionBureau && u.DivisionCode == "370505", cancellationToken);
        if (bureau is null)
        {
            return 0;
        }
        var client = await new Open311Clients(db, clock).IssueAsync(ClientName, bureau.Id, "admin", DemoKey, cancellationToken);
        // The demo's own index: the web host builds the real one from the database when it starts.
        using var matters = new Text.CaseMatterIndex();
        var workflow = new CaseWorkflow(db, rules, clock, protector, new KnownReferences(), matters);
        var known = await db.Categories.Select(c => c.Code).ToListAsync(cancellationToken);
        foreach (var (category, town, detail, phone) in Requests)
        {
            var title = Portal.PublicIntake.TitleFrom(detail);
            var request = new NewCase(CaseKind.Petition, CaseChannel.AppOrVideo, title, detail, town, null, known.Contains(category) ? category : null, false,
                [new NewParty("群众", null, phone, false)], null, client.UnitId, null, null, "open311:demo-" + phone);
            await workflow.RegisterAsync(request, "open311:" + ClientName, cancellationToken);
        }
        return Requests.Length;
    }
}
