using System.Collections.Concurrent;
using StyleTransfer.Engine.Backbones;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// Feed-forward models loaded once per engine (so once per silo) and shared by every item that names them, as style
/// features are. A model is keyed by its file's full path, length and last write time (a replaced file is loaded
/// afresh) and the device; at most <see cref="Capacity"/> are kept, the least recently used dropped first. A dropped
/// model is not disposed here, since an item may still be running it: its native memory goes with the finalizer.
/// Loading failures are not cached: the next item tries again (the file may have been fixed).
/// </summary>
public sealed class FeedForwardModels(int capacity = 8)
{
    readonly ConcurrentDictionary<string, Lazy<object>> _models = new();
    readonly ConcurrentDictionary<string, long> _lastUse = new();
    long _clock, _loads, _hits;

    public int Capacity { get; } = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");

    /// <summary>Models loaded from their files so far, and requests served from memory.</summary>
    public (long Loads, long Hits) Statistics => (Interlocked.Read(ref _loads), Interlocked.Read(ref _hits));

    public FastStyleModel Fast(string path, Device device) =>
        (FastStyleModel)Get("fast", path, device.ToString(), () => Kept(FastStyleModel.Load(path, device), m => m.Network));

    /// <param name="encoder">the backbone the decoder's model was trained after (on the device to run on).</param>
    public AdaInModel AdaIn(string path, IBackbone encoder) =>
        (AdaInModel)Get($"adain:{encoder.Name}", path, encoder.Device.ToString(), () => Kept(AdaInModel.Load(path, encoder), m => m.Decoder));

    /// <summary>A model outlives the item that loaded it: its weights must not go with that item's dispose scope.</summary>
    static T Kept<T>(T model, Func<T, nn.Module> module)
    {
        foreach (var (_, parameter) in module(model).named_parameters()) parameter.DetachFromDisposeScope();
        foreach (var (_, buffer) in module(model).named_buffers()) buffer.DetachFromDisposeScope();
        return model;
    }

    object Get(string kind, string path, string device, Func<object> load)
    {
        var key = Key(kind, path, device);
        var entry = _models.GetOrAdd(key, _ => new Lazy<object>(() =>
        {
            Interlocked.Increment(ref _loads);
            return load();
        }));
        bool wasLoaded = entry.IsValueCreated;
        object model;
        try
        {
            model = entry.Value;
        }
        catch
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry));
            throw;
        }
        if (wasLoaded) Interlocked.Increment(ref _hits);
        _lastUse[key] = Interlocked.Increment(ref _clock);
        Trim();
        return model;
    }

    static string Key(string kind, string path, string device)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        if (!file.Exists) throw new InvalidInputException(path, Directory.Exists(path) ? "is a folder, not a model file" : "model file not found");
        return $"{kind}|{device}|{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
    }

    void Trim()
    {
        while (_models.Count > Capacity)
        {
            var oldest = _lastUse.OrderBy(p => p.Value).FirstOrDefault();
            if (oldest.Key is null) return;
            _lastUse.TryRemove(oldest.Key, out _);
            _models.TryRemove(oldest.Key, out _);
        }
    }
}
