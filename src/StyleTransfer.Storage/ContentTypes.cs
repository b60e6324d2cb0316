namespace StyleTransfer.Storage;

/// <summary>The content type recorded with a blob, from the result name's extension.</summary>
public static class ContentTypes
{
    public static string ForName(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        ".gif" => "image/gif",
        ".json" => "application/json",
        ".jsonl" => "application/x-ndjson",
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".txt" or ".log" => "text/plain",
        _ => "application/octet-stream",
    };
}
