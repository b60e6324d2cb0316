using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace StyleTransfer.Grains.Tests.Fakes;

/// <summary>
/// Grain storage shared by every silo of a <see cref="FakeCluster"/> and outliving any of them, as a database does
/// (Orleans' memory storage keeps state in grains, so killing a silo may lose it). States are kept serialized, so a
/// grain sees only what it wrote; ETags are checked like a real provider's.
/// </summary>
public sealed class SharedGrainStorage(SharedGrainStorage.Records records, Serializer serializer) : IGrainStorage
{
    /// <summary>The stored states: one instance for the whole cluster; each silo's storage uses its own serializer.</summary>
    public sealed class Records : ConcurrentDictionary<(string StateName, GrainId Grain), (byte[] State, string ETag)>;

    readonly Records _records = records;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = serializer.Deserialize<T>(record.State);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        var bytes = serializer.SerializeToArray(grainState.State);
        lock (_records)
        {
            var found = _records.TryGetValue((stateName, grainId), out var record) ? record.ETag : null;
            if (found != grainState.ETag)
                throw new InconsistentStateException($"ETag mismatch for {grainId}", found ?? "", grainState.ETag ?? "");
            _records[(stateName, grainId)] = (bytes, etag);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _records.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
