using System.Text;
using System.Text.Json;
using Fengqiao.Core;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>The staff pages' interactive connection carries the longest text a field takes in one message.</summary>
public sealed class InteractiveConnectionTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    // The options the host gives the Blazor circuit's hub (ComponentHub is internal to ASP.NET Core).
    private long? CircuitMessageLimit()
    {
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var options = factory.Services.GetService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)))!;
        var value = (HubOptions)options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options)!;
        return value.MaximumReceiveMessageSize;
    }

    [Fact]
    public void The_circuit_accepts_the_longest_field_even_when_every_character_is_escaped()
    {
        // Worst case: every character written as a six-byte \uXXXX escape in the event's JSON.
        var escaped = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new string('\u0001', TextLimits.Longest)));
        var chinese = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new string('诉', TextLimits.Longest), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.True(chinese < escaped);

        var limit = CircuitMessageLimit();
        Assert.NotNull(limit);
        // Room for the event around the text (its descriptor and the hub frame), but not an unbounded door.
        Assert.InRange(limit.Value, escaped + 4096, 2L * escaped);
    }
}
