using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests;

/// <summary>The engine's style cache: hits give the bytes a fresh engine gives, changed files miss, bounds hold.</summary>
public class StyleFeatureCacheTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    /// <summary>Two scales: each item uses 3 entries (the loaded style, its features at ½ and at full size).</summary>
    static readonly StylizeOptions Small = new() { Shared = new() { MaxSize = 64, Iterations = 3, Device = "cpu" }, Gatys = new() { Scales = 2 } };

    const int EntriesPerItem = 3;

    static byte[] Run(StylizationEngine engine, string content, string style, StylizeOptions? options = null) =>
        engine.Stylize(new StylizeRequest(content, [new StyleInput(style)], options ?? Small)).Png;

    static byte[] Fresh(string content, string style, StylizeOptions? options = null)
    {
        using var engine = new StylizationEngine("cpu");
        return Run(engine, content, style, options);
    }

    string OtherContent() => _images.Write("content2.png", 64, 48, (x, y) => new Rgb24((byte)(x * 4), (byte)(200 - y * 3), 90));

    [Fact]
    public void A_second_item_with_the_same_style_hits_and_gives_the_bytes_of_a_fresh_engine()
    {
        var style = _images.Style();
        using var engine = new StylizationEngine("cpu");
        Run(engine, _images.Content(), style);
        Assert.Equal(new StyleCacheStatistics(0, EntriesPerItem, 0, EntriesPerItem, engine.StyleCacheStatistics.Bytes), engine.StyleCacheStatistics);
        Assert.True(engine.StyleCacheStatistics.Bytes > 0);

        var content = OtherContent();
        var cached = Run(engine, content, style);
        Assert.Equal(EntriesPerItem, engine.StyleCacheStatistics.Hits);
        Assert.Equal(EntriesPerItem, engine.StyleCacheStatistics.Misses);
        Assert.Equal(Fresh(content, style), cached);

        // The key is the file's content: an identical copy under another name hits too.
        var copy = Path.Combine(_images.Folder, "copy.png");
        File.Copy(style, copy);
        Assert.Equal(cached, Run(engine, content, copy));
        Assert.Equal(2 * EntriesPerItem, engine.StyleCacheStatistics.Hits);
    }

    [Fact]
    public void Several_styles_softmax_and_masks_give_the_bytes_of_a_fresh_engine_from_the_cache()
    {
        var content = _images.Content();
        var style = _images.Style();
        var other = _images.Write("style2.png", 48, 64, (x, y) => new Rgb24((byte)(x * 5), (byte)(y * 3), (byte)(x * y % 256)));
        var contentMask = _images.Write("cm.png", 64, 48, (x, y) => y < 24 ? new Rgb24(0, 0, 255) : new Rgb24(0, 255, 0));
        var styleMask = _images.Write("sm.png", 64, 64, (x, y) => x < 32 ? new Rgb24(0, 255, 0) : new Rgb24(0, 0, 255));
        var requests = new StylizeRequest[]
        {
            new(content, [new StyleInput(style, 2), new StyleInput(other)], Small with { Gatys = Small.Gatys with { SoftmaxStyle = true } }),
            new(content, [new StyleInput(style)], Small, contentMask, styleMask),
            new(content, [new StyleInput(other)], Small with { Gatys = Small.Gatys with { PreserveColor = true } }),
        };
        using var engine = new StylizationEngine("cpu");
        foreach (var request in requests) engine.Stylize(request);
        var misses = engine.StyleCacheStatistics.Misses;
        foreach (var request in requests)
        {
            using var fresh = new StylizationEngine("cpu");
            Assert.Equal(fresh.Stylize(request).Png, engine.Stylize(request).Png);
        }
        Assert.Equal(misses, engine.StyleCacheStatistics.Misses);
    }

    [Fact]
    public void A_rewritten_style_file_misses_and_changes_the_result()
    {
        var content = _images.Content();
        var style = _images.Style();
        using var engine = new StylizationEngine("cpu");
        var before = Run(engine, content, style);

        // Same size and format, other pixels: the file's length may well be unchanged.
        _images.Write("style.png", 64, 64, (x, y) => ((x + y) / 4) % 2 == 0 ? new Rgb24(30, 200, 40) : new Rgb24(240, 240, 20));
        var after = Run(engine, content, style);

        Assert.Equal(0, engine.StyleCacheStatistics.Hits);
        Assert.Equal(2 * EntriesPerItem, engine.StyleCacheStatistics.Misses);
        Assert.NotEqual(before, after);
        Assert.Equal(Fresh(content, style), after);
    }

    [Fact]
    public void Least_recently_used_entries_are_evicted_past_the_entry_bound()
    {
        var content = _images.Content();
        string Style(string name, byte red) => _images.Write(name, 32, 32, (x, y) => (x / 4 + y / 4) % 2 == 0 ? new Rgb24(red, 40, 30) : new Rgb24(30, 50, 200));
        var a = Style("a.png", 250);
        var b = Style("b.png", 150);
        using var engine = new StylizationEngine("cpu", new StyleCacheOptions { MaxEntries = EntriesPerItem });

        Run(engine, content, a);
        Run(engine, content, b);
        Assert.Equal(new StyleCacheStatistics(0, 2 * EntriesPerItem, EntriesPerItem, EntriesPerItem, engine.StyleCacheStatistics.Bytes),
            engine.StyleCacheStatistics);
        Run(engine, content, b);
        Assert.Equal(EntriesPerItem, engine.StyleCacheStatistics.Hits);
        Run(engine, content, a);
        Assert.Equal(3 * EntriesPerItem, engine.StyleCacheStatistics.Misses);
        Assert.Equal(EntriesPerItem, engine.StyleCacheStatistics.Entries);
    }

    [Fact]
    public void The_byte_bound_keeps_nothing_larger_than_it()
    {
        var content = _images.Content();
        var style = _images.Style();
        using var engine = new StylizationEngine("cpu", new StyleCacheOptions { MaxBytes = 1 });
        var first = Run(engine, content, style);
        Assert.Equal(new StyleCacheStatistics(0, EntriesPerItem, EntriesPerItem, 0, 0), engine.StyleCacheStatistics);
        Assert.Equal(first, Run(engine, content, style));
        Assert.Equal(2 * EntriesPerItem, engine.StyleCacheStatistics.Misses);
    }

    [Fact]
    public void An_entry_outlives_eviction_while_a_lease_holds_it_and_is_disposed_after()
    {
        var style = _images.Style();
        using var cache = new StyleFeatureCache(new StyleCacheOptions { MaxEntries = 0 });
        var first = cache.Open();
        var (image, key) = first.Image(style, 32, CPU);
        Assert.Equal(new StyleFeatureCache.ImageKey(key.Sha256, 32, "cpu"), key);
        using (var second = cache.Open())
        {
            Assert.Same(image, second.Image(style, 32, CPU).Image);
            first.Dispose();
            Assert.False(image.IsInvalid);
            Assert.Equal(1, cache.Statistics.Entries);
            Assert.Equal(32 * 32 * 3 * 4, cache.Statistics.Bytes);
        }
        Assert.True(image.IsInvalid);
        Assert.Equal(new StyleCacheStatistics(1, 1, 1, 0, 0), cache.Statistics);
    }

    [Fact]
    public void A_failed_load_is_not_cached()
    {
        var path = Path.Combine(_images.Folder, "later.png");
        using var cache = new StyleFeatureCache();
        using (var lease = cache.Open())
            Assert.Throws<InvalidInputException>(() => lease.Image(path, 32, CPU));
        _images.WriteBytes("later.png", [1, 2, 3]);
        using (var lease = cache.Open())
            Assert.Throws<InvalidInputException>(() => lease.Image(path, 32, CPU));
        Assert.Equal(new StyleCacheStatistics(0, 1, 0, 0, 0), cache.Statistics);
        _images.Style(32, 32, "later.png");
        using (var lease = cache.Open())
            Assert.Equal(32, lease.Image(path, 32, CPU).Image.shape[3]);
    }

    [Fact]
    public async Task Concurrent_items_with_one_style_compute_it_once_and_match_the_sequential_result()
    {
        var content = _images.Content();
        var style = _images.Style();
        var expected = Fresh(content, style);
        using var engine = new StylizationEngine("cpu");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Run(engine, content, style))));

        Assert.All(results, png => Assert.Equal(expected, png));
        Assert.Equal(EntriesPerItem, engine.StyleCacheStatistics.Misses);
        Assert.Equal(3 * EntriesPerItem, engine.StyleCacheStatistics.Hits);
    }
}
