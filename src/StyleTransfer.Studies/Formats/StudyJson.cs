using System.Text.Json;
using System.Text.Json.Serialization;

namespace StyleTransfer.Studies.Formats;

/// <summary>The JSON settings of every study file: camelCase, enums as camelCase strings, nulls left out.</summary>
public static class StudyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
