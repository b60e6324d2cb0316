using System.Text.Json;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods;

/// <summary>
/// What the methods share: the request rules that follow from their declared traits, and the check that the
/// records a method does not read are at their defaults.
/// </summary>
public abstract class StyleMethodBase : IStyleMethod
{
    public abstract string Name { get; }

    public abstract MaskMeaning Masks { get; }

    public abstract bool BlendsStyles { get; }

    public virtual bool TakesGuidancePoints => false;

    public virtual bool NeedsAutomaticGroups(bool hasMasks) => false;

    public abstract int Iterations(StylizeOptions options);

    public abstract Tensor Run(MethodRun run);

    /// <summary>Checks the settings the method reads.</summary>
    protected abstract void ValidateOwn(StylizeOptions options);

    /// <summary>The settings records the method reads (shared first), with the settings in them it does not read at their defaults.</summary>
    protected abstract IReadOnlyList<object> Reads(StylizeOptions options);

    /// <summary>The options with every setting the method does not read at its default (device and snapshots aside).</summary>
    StylizeOptions WithoutUnread(StylizeOptions options) => Reads(options).Aggregate(new StylizeOptions { Method = options.Method }, (o, record) => record switch
    {
        SharedOptions shared => o with { Shared = shared },
        Gatys.GatysOptions gatys => o with { Gatys = gatys },
        Photo.PhotoOptions photo => o with { Photo = photo },
        Strotss.StrotssOptions strotss => o with { Strotss = strotss },
        FeedForward.FastOptions fast => o with { Fast = fast },
        FeedForward.AdaInOptions adain => o with { AdaIn = adain },
        _ => throw new InvalidOperationException($"{record.GetType().Name} is not a settings record of {nameof(StylizeOptions)}"),
    });

    public void Validate(StylizeOptions options)
    {
        options.Shared.Validate();
        ValidateOwn(options);
        var read = WithoutUnread(options);
        foreach (var (name, given, kept) in new (string, object, object)[]
                 {
                     ("gatys", options.Gatys, read.Gatys), ("photo", options.Photo, read.Photo), ("strotss", options.Strotss, read.Strotss),
                     ("fast", options.Fast, read.Fast), ("adain", options.AdaIn, read.AdaIn),
                     ("shared", options.Shared, read.Shared),
                 })
            if (!SameSettings(given, kept))
                throw new ArgumentException($"{Differences(name, given, kept)} do not apply to method {Name}");
    }

    public void Validate(StylizeOptions options, RequestShape request)
    {
        Validate(options);
        if (request.Styles < 1) throw new ArgumentException("no style image given");
        if (!BlendsStyles && request.Styles != 1)
            throw new ArgumentException($"method {Name} takes exactly one style image, not {request.Styles} (only {BlendingMethods()} blend styles)");
        if (request.HasMasks && Masks == MaskMeaning.None) throw new ArgumentException($"method {Name} takes no masks");
        if (request.HasMasks && request.Styles != 1) throw new ArgumentException("semantic masks need exactly one style image");
        if (request.GuidancePoints > 0 && !TakesGuidancePoints)
            throw new ArgumentException($"guidance points do not apply to method {Name} (only to {string.Join(", ", MethodRegistry.All.Where(m => m.TakesGuidancePoints).Select(m => m.Name))})");
    }

    public StylizeOptions Relevant(StylizeOptions options)
    {
        var read = WithoutUnread(options);
        return read with { Method = Name, Shared = read.Shared with { Device = "auto", SnapshotEvery = 0 } };
    }

    public IReadOnlyList<object> OutputSettings(StylizeOptions options) => Reads(Relevant(options));

    static string BlendingMethods() => string.Join(", ", MethodRegistry.All.Where(m => m.BlendsStyles).Select(m => m.Name));

    static bool SameSettings(object a, object b) => JsonSerializer.Serialize(a, a.GetType()) == JsonSerializer.Serialize(b, b.GetType());

    /// <summary>"photo settings (lambda 5, ...)": the properties of a record that differ from what the method keeps.</summary>
    static string Differences(string record, object given, object kept)
    {
        var a = JsonSerializer.SerializeToElement(given, given.GetType());
        var b = JsonSerializer.SerializeToElement(kept, kept.GetType());
        var names = a.EnumerateObject().Where(p => p.Value.GetRawText() != b.GetProperty(p.Name).GetRawText())
            .Select(p => $"{p.Name} {p.Value.GetRawText()}");
        return $"{record} settings ({string.Join(", ", names)})";
    }
}
