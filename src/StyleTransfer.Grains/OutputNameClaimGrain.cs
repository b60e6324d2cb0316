using System.Security.Cryptography;
using System.Text;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains;

/// <summary>A shard of a manifest job's claimed output names (see <see cref="IOutputNameClaimGrain"/>).</summary>
public sealed class OutputNameClaimGrain(
    [PersistentState("names", StorageNames.Jobs)] IPersistentState<OutputNameClaimState> state) : Grain, IOutputNameClaimGrain
{
    /// <summary>Shards per job: 100,000 names make 16 states of about 6,000 entries.</summary>
    public const int Shards = 16;

    public static string Key(string jobId, int shard) => $"{jobId}/names/{shard}";

    public static long Hash(string outputName) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(outputName)), 0);

    public static int ShardOf(long hash) => (int)((ulong)hash % Shards);

    public async Task<int[]> ClaimAsync(long[] hashes, int[] lines)
    {
        var claims = state.State.Lines;
        var earlier = new int[hashes.Length];
        bool changed = false;
        for (int i = 0; i < hashes.Length; i++)
        {
            if (claims.TryGetValue(hashes[i], out var line) && line != lines[i]) earlier[i] = line;
            else if (line != lines[i]) { claims[hashes[i]] = lines[i]; changed = true; }
        }
        if (changed) await state.WriteStateWithRecoveryAsync();
        return earlier;
    }
}

[GenerateSerializer, Alias("StyleTransfer.OutputNameClaimState")]
public sealed class OutputNameClaimState
{
    [Id(0)] public Dictionary<long, int> Lines { get; set; } = [];
}
