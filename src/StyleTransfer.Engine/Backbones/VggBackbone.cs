using System.Collections;
using StyleTransfer.Engine.Backbones.Vgg;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Backbones;

/// <summary>
/// VGG-16/19 convolutional part with ImageNet weights from a torchvision state dict (.pth saved by <c>torch.save</c>,
/// zip format). Layers: relu1_1 .. relu5_3 (VGG-16) or relu5_4 (VGG-19).
/// </summary>
public sealed class VggBackbone : IBackbone
{
    readonly VggFeatures _net;
    readonly Tensor _mean;
    readonly Tensor _std;
    readonly Dictionary<string, int> _layerIndex;

    VggBackbone(VggVariant variant, VggFeatures net, Device device)
    {
        Variant = variant;
        _net = net;
        Device = device;
        _layerIndex = net.Layers.Where(l => l.Name is not null).ToDictionary(l => l.Name!, l => l.Index);
        LayerNames = net.Layers.Where(l => l.Name is not null).Select(l => l.Name!).ToArray();
        _mean = tensor(new[] { 0.485f, 0.456f, 0.406f }, [1, 3, 1, 1], device: device).DetachFromDisposeScope();
        _std = tensor(new[] { 0.229f, 0.224f, 0.225f }, [1, 3, 1, 1], device: device).DetachFromDisposeScope();
    }

    /// <summary>Builds the network and loads <paramref name="weightsPath"/> (torchvision's <c>vgg16</c>/<c>vgg19</c> state dict; classifier keys are ignored).</summary>
    public static VggBackbone Load(VggVariant variant, string weightsPath, Device device)
    {
        var path = Path.GetFullPath(weightsPath);
        if (!File.Exists(path)) throw new InvalidInputException(path, $"{Describe(variant)} weights file not found");

        var net = new VggFeatures(variant);
        try
        {
            LoadStateDict(net, variant, path);
            net.to(device);
            net.eval();
            // Held for the backbone's lifetime, so kept out of any dispose scope the caller has open.
            foreach (var p in net.parameters())
            {
                p.requires_grad = false;
                p.DetachFromDisposeScope();
            }
            return new VggBackbone(variant, net, device);
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    static string Describe(VggVariant variant) => variant == VggVariant.Vgg19 ? "VGG-19" : "VGG-16";

    static void LoadStateDict(VggFeatures net, VggVariant variant, string path)
    {
        Hashtable source;
        try
        {
            using var stream = File.OpenRead(path);
            source = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidInputException(path,
                $"not a PyTorch state dict readable here ({e.Message}); expected torchvision's {variant.ToString().ToLowerInvariant()} weights " +
                "saved with torch.save(model.state_dict(), path) in the zip format of PyTorch >= 1.6", e);
        }

        try
        {
            using var _ = no_grad();
            foreach (var (key, target) in net.state_dict())
            {
                if (!source.ContainsKey(key))
                    throw new InvalidInputException(path,
                        $"key '{key}' missing; not torchvision's {Describe(variant)} state dict? (it has {source.Count} keys, e.g. {string.Join(", ", source.Keys.Cast<string>().Order().Take(4))})");
                if (source[key] is not Tensor value)
                    throw new InvalidInputException(path, $"key '{key}' is not a tensor");
                if (!value.shape.SequenceEqual(target.shape))
                    throw new InvalidInputException(path,
                        $"key '{key}' has shape [{string.Join(",", value.shape)}] but {Describe(variant)} expects [{string.Join(",", target.shape)}]");
                if (!value.is_floating_point())
                    throw new InvalidInputException(path, $"key '{key}' holds {value.dtype}, not floating-point weights");
                target.copy_(value);
            }
        }
        finally
        {
            foreach (var value in source.Values)
                (value as IDisposable)?.Dispose();
        }
    }

    public VggVariant Variant { get; }

    /// <summary>The loaded weights under torchvision's keys (features.{index}.weight|bias); frozen.</summary>
    public IReadOnlyDictionary<string, Tensor> Weights => _net.state_dict();

    public string Name => Variant.ToString().ToLowerInvariant();

    public Device Device { get; }

    public IReadOnlyList<string> LayerNames { get; }

    public IReadOnlyList<string> DefaultContentLayers { get; } = ["relu4_2"];

    public IReadOnlyList<string> DefaultStyleLayers { get; } = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        LayerSelection.ValidateInput(Name, rgb, Device);
        LayerSelection.Validate(Name, LayerNames, layers);
        var result = new Dictionary<string, Tensor>();
        if (layers.Count == 0) return result;

        var wanted = layers.ToDictionary(l => _layerIndex[l], l => l);
        int last = wanted.Keys.Max();
        Tensor x = rgb.sub(_mean).div_(_std);
        for (int i = 0; i <= last; i++)
        {
            var y = _net.Modules[i].call(x);
            if (!result.Values.Any(kept => ReferenceEquals(kept, x))) x.Dispose();
            x = y;
            if (wanted.TryGetValue(i, out var name)) result[name] = x;
        }
        return result;
    }

    public double ForwardFlops(int height, int width, string deepestLayer)
    {
        LayerSelection.Validate(Name, LayerNames, [deepestLayer]);
        int last = _layerIndex[deepestLayer];
        double macs = 0;
        long h = height, w = width;
        foreach (var l in _net.Layers.TakeWhile(l => l.Index <= last))
        {
            if (l.Kind == "conv") macs += (double)l.OutChannels * l.InChannels * 9 * h * w;
            else if (l.Kind == "pool") { h /= 2; w /= 2; }
        }
        return 2 * macs;
    }

    public void Dispose()
    {
        _net.Dispose();
        _mean.Dispose();
        _std.Dispose();
    }
}
