using System.Security.Cryptography;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleTransfer.Engine;

/// <summary>
/// Style images as loaded and their backbone features, computed once per engine and shared read-only by every item
/// that uses them (a batch job stylizes thousands of contents with a few styles). Thread-safe. An item takes its
/// entries through a <see cref="Lease"/>, which holds them until the item ends; least recently used entries that no
/// lease holds are dropped (and their tensors disposed) once <see cref="StyleCacheOptions"/>'s bounds are passed.
/// Concurrent misses on one key compute it once. Cached tensors are detached clones outside every dispose scope;
/// nothing in the engine writes to a style image or its features in place, which is what makes sharing them safe.
/// </summary>
public sealed class StyleFeatureCache : IDisposable
{
    /// <summary>
    /// A style image: the SHA-256 of the file's bytes (the same bytes are then decoded, so a key can never name other
    /// pixels, whatever the file system's timestamps do; equal files under different paths share), the longest side it
    /// is loaded at and the device.
    /// </summary>
    public sealed record ImageKey(string Sha256, int MaxSide, string Device);

    /// <summary>
    /// Features of a style image at one scale: the network (the engine's backbone key: name, weights path, device),
    /// the layers and the scale factor. Transforms applied to features later (softmax, masks, Gram) are the losses'
    /// business and not part of it; a style image changed per item (colour preservation) must not be looked up here.
    /// </summary>
    sealed record FeatureKey(ImageKey Image, (string Name, string? Weights, string Device) Backbone, string Layers, double Factor);

    sealed class Entry
    {
        public Entry(object key, Func<IReadOnlyDictionary<string, Tensor>> compute)
        {
            Key = key;
            Value = new(() => Owned(compute));
            Node = new(this);
        }

        public object Key { get; }
        public Lazy<IReadOnlyDictionary<string, Tensor>> Value { get; }
        public LinkedListNode<Entry> Node { get; }
        public int Leases;
        public long Bytes;
        public bool Counted;
    }

    const string ImageName = "image";

    readonly StyleCacheOptions _options;
    readonly object _lock = new();
    readonly Dictionary<object, Entry> _entries = [];
    readonly LinkedList<Entry> _recency = new(); // most recently used first
    long _bytes, _hits, _misses, _evictions;

    public StyleFeatureCache(StyleCacheOptions? options = null)
    {
        _options = options ?? new StyleCacheOptions();
        _options.Validate();
    }

    public StyleCacheStatistics Statistics
    {
        get { lock (_lock) return new(_hits, _misses, _evictions, _entries.Count, _bytes); }
    }

    /// <summary>Entries for one item (not shared between threads); dispose it when the item no longer uses their tensors.</summary>
    public Lease Open() => new(this);

    public sealed class Lease : IDisposable
    {
        readonly StyleFeatureCache _cache;
        readonly List<Entry> _held = [];

        internal Lease(StyleFeatureCache cache) => _cache = cache;

        /// <summary>The style image at <paramref name="path"/> as <see cref="ImageIO.LoadTensor(string, int, Device?)"/> loads it, and its key.</summary>
        /// <param name="sha256">the file's SHA-256 (hex) when the caller has hashed it already: then the file is read only on a miss.</param>
        public (Tensor Image, ImageKey Key) Image(string path, int maxSide, Device device, string? sha256 = null)
        {
            var bytes = sha256 is null ? ImageIO.ReadFile(path) : null;
            var key = new ImageKey((sha256 ?? Convert.ToHexString(SHA256.HashData(bytes!))).ToLowerInvariant(), maxSide, device.ToString());
            var value = Get(key, () => new Dictionary<string, Tensor> { [ImageName] = ImageIO.LoadTensor(bytes ?? ImageIO.ReadFile(path), path, maxSide, device) });
            return (value[ImageName], key);
        }

        /// <summary>The features <paramref name="compute"/> returns for <paramref name="image"/> at <paramref name="factor"/> with this backbone and layers.</summary>
        public IReadOnlyDictionary<string, Tensor> Features(ImageKey image, (string Name, string? Weights, string Device) backbone,
            IReadOnlyList<string> layers, double factor, Func<IReadOnlyDictionary<string, Tensor>> compute) =>
            Get(new FeatureKey(image, backbone, string.Join(",", layers), factor), compute);

        IReadOnlyDictionary<string, Tensor> Get(object key, Func<IReadOnlyDictionary<string, Tensor>> compute)
        {
            var entry = _cache.Acquire(key, compute);
            _held.Add(entry);
            return _cache.ValueOf(entry);
        }

        public void Dispose()
        {
            foreach (var entry in _held) _cache.Release(entry);
            _held.Clear();
        }
    }

    Entry Acquire(object key, Func<IReadOnlyDictionary<string, Tensor>> compute)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _hits++;
                _recency.Remove(entry.Node);
            }
            else
            {
                _misses++;
                entry = new Entry(key, compute);
                _entries.Add(key, entry);
            }
            _recency.AddFirst(entry.Node);
            entry.Leases++;
            return entry;
        }
    }

    /// <summary>The entry's tensors, computing them on the first call (outside the lock; concurrent callers wait).</summary>
    IReadOnlyDictionary<string, Tensor> ValueOf(Entry entry)
    {
        IReadOnlyDictionary<string, Tensor> value;
        try
        {
            value = entry.Value.Value;
        }
        catch
        {
            // Lazy keeps the exception: forget the entry so that a later item tries again (e.g. a file since fixed).
            lock (_lock) if (IsCurrent(entry)) Remove(entry);
            throw;
        }
        lock (_lock)
            if (!entry.Counted && IsCurrent(entry))
            {
                entry.Counted = true;
                entry.Bytes = value.Values.Sum(t => t.NumberOfElements * t.ElementSize);
                _bytes += entry.Bytes;
                Trim();
            }
        return value;
    }

    bool IsCurrent(Entry entry) => _entries.TryGetValue(entry.Key, out var current) && current == entry;

    void Release(Entry entry)
    {
        lock (_lock)
        {
            entry.Leases--;
            Trim();
        }
    }

    /// <summary>Drops least recently used idle entries while over a bound. Caller holds the lock.</summary>
    void Trim()
    {
        for (var node = _recency.Last; node is not null && (_entries.Count > _options.MaxEntries || _bytes > _options.MaxBytes);)
        {
            var previous = node.Previous;
            if (node.Value.Leases == 0 && node.Value.Value.IsValueCreated)
            {
                Remove(node.Value);
                _evictions++;
                foreach (var t in node.Value.Value.Value.Values) t.Dispose();
            }
            node = previous;
        }
    }

    void Remove(Entry entry)
    {
        _entries.Remove(entry.Key);
        _recency.Remove(entry.Node);
        _bytes -= entry.Bytes;
    }

    /// <summary>Detached clones of what <paramref name="compute"/> returns, outside every dispose scope.</summary>
    static IReadOnlyDictionary<string, Tensor> Owned(Func<IReadOnlyDictionary<string, Tensor>> compute)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return compute().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>Disposes every entry's tensors: call only when no item runs.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values.Where(e => e.Value.IsValueCreated))
                foreach (var t in entry.Value.Value.Values) t.Dispose();
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }
}
