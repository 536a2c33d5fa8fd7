using System.Text.Json;
using Fengqiao.Testing;
using Json.Schema;

namespace Fengqiao.Web.Tests.Open311;

/// <summary>
/// The official GeoReport v2 JSON schemas (open311/schema-validation), read from the shared data folder as a test
/// oracle and never copied into the repository. The files carry no $id, so each is built under its own file name
/// for the "$ref": "request.json" / "service.json" of the list schemas to resolve.
/// </summary>
public sealed class Open311Schemas
{
    private static readonly Uri Base = new("https://schemas.open311.test/georeport-v2/");
    private readonly Dictionary<string, JsonSchema> _schemas = [];

    private Open311Schemas(string folder)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // Referenced schemas first, then the lists that point at them.
        foreach (var name in new[] { "request", "service", "requests", "services", "service-definition" })
        {
            _schemas[name] = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, name + ".json")), options, new Uri(Base, name + ".json"));
        }
    }

    /// <summary>The schemas, or null when the shared data folder (or its open311 part) is absent on this machine.</summary>
    public static Open311Schemas? Load() =>
        SharedData.Find() is { } data && Directory.Exists(Path.Combine(data, "open311")) ? new Open311Schemas(Path.Combine(data, "open311")) : null;

    /// <summary>Fails with every violation the validator lists (format checks on: date-time, uri).</summary>
    public void AssertValid(string schema, JsonElement instance)
    {
        var results = _schemas[schema].Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return;
        }
        var problems = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"));
        Assert.Fail($"not valid against {schema}.json: {string.Join("; ", problems)}\n{instance.GetRawText()[..Math.Min(2000, instance.GetRawText().Length)]}");
    }
}
