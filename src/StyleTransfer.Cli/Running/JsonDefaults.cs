using System.Text.Json;
using System.Text.Json.Serialization;

namespace StyleTransfer.Cli;

/// <summary>JSON output of the CLI: camelCase, enums as strings.</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };
}
