using System.Data.Common;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Testing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Data.Tests.Security;

/// <summary>ID numbers and phones are encrypted at rest, found again by blind index, revealed only with a log entry, and re-encrypted on key rotation.</summary>
public sealed class PersonalDataProtectionTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private const string KenliVillage = "370505001001";
    private const string IdNumber = "370505197703150035";
    private const string Phone = "13911112222";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CaseRecord> RegisterAsync(string title, string? idNumber, string? phone, string name = "刘文静")
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
        Guid bureau;
        await using (var db = fixture.Database.Context())
        {
            bureau = (await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct)).Id;
        }
        var request = new NewCase(CaseKind.Petition, CaseChannel.Visit, title, "反映多次未解决", KenliVillage, null, null, false,
            [new NewParty(name, idNumber, phone, false)], null, bureau, "clerk", null, null);
        return (await workflow.RegisterAsync(request, "clerk", Ct)).Case;
    }

    /// <summary>Every text column of a table, read with plain SQL: what someone with a copy of the database sees.</summary>
    private async Task<List<string>> RawTextAsync(string table)
    {
        await using var db = fixture.Database.Context();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!reader.IsDBNull(i) && reader.GetValue(i) is string s)
                {
                    values.Add(s);
                }
            }
        }
        return values;
    }

    [Fact]
    public async Task No_id_number_or_phone_is_stored_in_clear_but_the_masked_forms_are()
    {
        var record = await RegisterAsync("加密存储测试：小区路灯不亮", IdNumber, Phone);

        foreach (var table in new[] { "CaseParties", "Residents" })
        {
            var text = await RawTextAsync(table);
            Assert.DoesNotContain(text, v => v.Contains(IdNumber, StringComparison.Ordinal) || v.Contains(Phone, StringComparison.Ordinal));
        }
        await using var db = fixture.Database.Context();
        var party = await db.CaseParties.SingleAsync(p => p.CaseId == record.Id, Ct);
        Assert.Equal("370505********0035", party.IdNumberMasked);
        Assert.Equal("139****2222", party.PhoneMasked);
        Assert.NotNull(party.IdNumberCipher);
        Assert.Equal(32, party.IdNumberIndex!.Length);
    }

    [Fact]
    public async Task A_repeat_is_still_recognised_by_id_number_and_by_phone_and_name()
    {
        const string Matter = "村口道路坑洼积水，雨天无法通行";
        var first = await RegisterAsync(Matter, "370505198505050011", "13722223333", "高志强");
        var byId = await RegisterAsync(Matter, "370505198505050011", null, "高志强");
        var byPhone = await RegisterAsync(Matter, null, "13722223333", "高志强");
        var otherName = await RegisterAsync(Matter, null, "13722223333", "高志勇");

        Assert.True(byId.IsRepeat);
        Assert.Contains(first.TrackingCode, byId.RepeatOf!, StringComparison.Ordinal);
        Assert.True(byPhone.IsRepeat);
        Assert.False(otherName.IsRepeat);
    }

    [Fact]
    public async Task Two_nodes_compute_the_same_index_and_read_each_others_ciphertext()
    {
        // A second service provider on the same database stands for a second web node.
        await using var secondNode = TestServices.Build(fixture.Database);
        var first = fixture.Services.GetRequiredService<PersonalDataProtector>();
        var second = secondNode.GetRequiredService<PersonalDataProtector>();
        await first.EnsureReadyAsync(Ct);
        await second.EnsureReadyAsync(Ct);

        Assert.Equal(first.IdNumberIndex(IdNumber), second.IdNumberIndex(IdNumber));
        Assert.NotEqual(first.IdNumberIndex(IdNumber), first.PhoneIndex(IdNumber));
        var cipher = first.ProtectPhone(Phone).Cipher;
        Assert.Equal(Phone, second.Reveal(cipher));
    }

    [Fact]
    public async Task Revealing_logs_who_saw_which_case_before_answering()
    {
        var record = await RegisterAsync("查看记录测试：楼道堆放杂物", "370505199002020018", "13633334444");
        await using var scope = fixture.Services.CreateAsyncScope();
        var views = scope.ServiceProvider.GetRequiredService<PersonalDataViews>();
        Guid partyId;
        await using (var db = fixture.Database.Context())
        {
            partyId = (await db.CaseParties.SingleAsync(p => p.CaseId == record.Id, Ct)).Id;
        }

        var revealed = await views.RevealAsync(record.TrackingCode, partyId, "account-1", "韩登记", Ct);
        var wrongCase = await views.RevealAsync("KL-1999-000001", partyId, "account-1", "韩登记", Ct);

        Assert.NotNull(revealed);
        Assert.Equal("370505199002020018", revealed.IdNumber);
        Assert.Equal("13633334444", revealed.Phone);
        Assert.Null(wrongCase);
        var log = await views.ForCaseAsync(record.Id, Ct);
        var entry = Assert.Single(log);
        Assert.Equal("韩登记", entry.AccountName);
    }

    // The key ring refreshes in the background after a new key is made; wait until protection uses it, as an
    // operator runs the re-encryption after a rotation rather than in the same instant.
    private static async Task UntilProtectingWithAsync(IServiceProvider services, Guid keyId)
    {
        var probe = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("probe");
        for (var i = 0; i < 100; i++)
        {
            // A protected payload starts with a 4-byte magic header and the 16-byte id of the key.
            if (new Guid(probe.Protect([1]).AsSpan(4, 16)) == keyId)
            {
                return;
            }
            await Task.Delay(100, Ct);
        }
        Assert.Fail("the new key never became the default key");
    }

    [Fact]
    public async Task After_a_key_rotation_reencryption_moves_old_rows_to_the_new_key_and_they_still_decrypt()
    {
        var record = await RegisterAsync("密钥轮换测试：垃圾清运不及时", "370505196612120012", "13544445555");
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var protector = services.GetRequiredService<PersonalDataProtector>();
        await protector.EnsureReadyAsync(Ct);
        string before;
        await using (var db = fixture.Database.Context())
        {
            before = (await db.CaseParties.SingleAsync(p => p.CaseId == record.Id, Ct)).IdNumberCipher!;
        }

        // Rotation: a new key becomes the default now (Data Protection does this itself every 90 days).
        var keys = services.GetRequiredService<IKeyManager>();
        // Data Protection dates its keys by the real clock, not the IClock: the new key must be active by that clock.
#pragma warning disable RS0030
        var newKey = keys.CreateNewKey(DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(90));
#pragma warning restore RS0030
        await UntilProtectingWithAsync(services, newKey.KeyId);
        var reencryption = services.GetRequiredService<PersonalDataReencryption>();
        var first = await reencryption.RunAsync(cancellationToken: Ct);
        var again = await reencryption.RunAsync(cancellationToken: Ct);

        // The case's two values, and the phone of every seeded service order.
        int orders;
        await using (var db = fixture.Database.Context())
        {
            orders = await db.ServiceOrders.IgnoreQueryFilters().CountAsync(o => o.ContactPhoneCipher != null, Ct);
        }
        Assert.True(orders > 0, "the demo has service orders");
        Assert.True(first.Reencrypted >= 2 + orders, $"re-encrypted {first.Reencrypted}");
        Assert.Equal(0, again.Reencrypted);
        await using (var db = fixture.Database.Context())
        {
            var after = (await db.CaseParties.SingleAsync(p => p.CaseId == record.Id, Ct)).IdNumberCipher!;
            Assert.NotEqual(before, after);
            Assert.Equal("370505196612120012", protector.Reveal(after));
        }
    }
}
