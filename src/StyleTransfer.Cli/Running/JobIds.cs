using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>
/// Default job ids are a hash of what the job does (items, options, where results go), so the same command gives
/// the same id: a running cluster then reports the existing job instead of starting a duplicate.
/// </summary>
public static class JobIds
{
    public static string Derive(IReadOnlyList<JobItemSpec> items, MethodSpec options, string outputPrefix, string target)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new { target, outputPrefix, items, options });
        return "st-" + Convert.ToHexStringLower(SHA256.HashData(canonical))[..16];
    }
}
