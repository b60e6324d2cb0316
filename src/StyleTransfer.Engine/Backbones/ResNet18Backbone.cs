using StyleTransfer.Engine.Backbones.Onnx;
using StyleTransfer.Engine.Backbones.ResNet;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Backbones;

/// <summary>
/// ImageNet-pretrained ResNet-18 read from the ONNX file shipped in the Microsoft.ML.DnnImageFeaturizer.ResNet18 package.
/// Layers: conv1 (stem after ReLU, stride 2), layer1..layer4 (residual stages, strides 4..32), pool (global average, [N,512,1,1]).
/// </summary>
public sealed class ResNet18Backbone : IBackbone
{
    readonly ResNet18Model _model;
    readonly CnnRunner _runner;
    readonly Tensor _meanImage;
    readonly Dictionary<(long H, long W), Tensor> _resizedMeans = [];
    readonly Lock _meansLock = new();

    ResNet18Backbone(ResNet18Model model, Device device)
    {
        _model = model;
        Device = device;
        _runner = new CnnRunner(model.Graph, device);
        using var cpuMean = tensor(model.MeanImage, model.MeanImageShape);
        _meanImage = cpuMean.to(device).detach().DetachFromDisposeScope();
    }

    /// <param name="weightsPath">ResNet18.onnx to use; null for the copy in the application's models folder.</param>
    public static ResNet18Backbone Load(string? weightsPath, Device device) =>
        new(ResNet18Model.Load(weightsPath ?? ResNet18Model.DefaultModelPath), device);

    public string Name => "resnet18";

    public Device Device { get; }

    public IReadOnlyList<string> LayerNames => ResNet18Model.StageNames;

    public IReadOnlyList<string> DefaultContentLayers { get; } = ["layer2"];

    public IReadOnlyList<string> DefaultStyleLayers { get; } = ["conv1", "layer1", "layer2", "layer3"];

    public IReadOnlyDictionary<string, Tensor> Extract(Tensor rgb, IReadOnlyCollection<string> layers)
    {
        LayerSelection.ValidateInput(Name, rgb, Device);
        LayerSelection.Validate(Name, LayerNames, layers);
        if (layers.Count == 0) return new Dictionary<string, Tensor>();

        using var input = Preprocess(rgb);
        var values = _runner.Run(input, layers.Select(l => _model.StageValues[l]).ToHashSet());
        return layers.Distinct().ToDictionary(l => l, l => values[_model.StageValues[l]]);
    }

    /// <summary>What ResNetPreprocess.onnx does, for RGB in [0,1]: scale to 0..255, reorder to BGR, subtract the mean image.</summary>
    public Tensor Preprocess(Tensor rgb)
    {
        using var scaled = rgb.mul(255f);
        using var bgr = scaled.flip(1);
        return bgr.sub(MeanImageFor(rgb.shape[2], rgb.shape[3]));
    }

    /// <summary>The 224x224 mean image itself, or resized bilinearly to other sizes (cached per size).</summary>
    Tensor MeanImageFor(long height, long width)
    {
        if (height == _meanImage.shape[2] && width == _meanImage.shape[3]) return _meanImage;
        lock (_meansLock)
        {
            if (!_resizedMeans.TryGetValue((height, width), out var mean))
            {
                using (no_grad())
                    // Cached across calls: it must outlive any dispose scope the caller has open.
                    mean = F.interpolate(_meanImage, [height, width], mode: InterpolationMode.Bilinear, align_corners: false).detach().DetachFromDisposeScope();
                _resizedMeans[(height, width)] = mean;
            }
            return mean;
        }
    }

    public double ForwardFlops(int height, int width, string deepestLayer)
    {
        LayerSelection.Validate(Name, LayerNames, [deepestLayer]);
        var (_, macs) = _model.Graph.Analyze(3, height, width);
        int last = _runner.ProducerOf(_model.StageValues[deepestLayer]);
        return 2.0 * macs.Take(last + 1).Sum();
    }

    public void Dispose()
    {
        _runner.Dispose();
        _meanImage.Dispose();
        foreach (var t in _resizedMeans.Values) t.Dispose();
        _resizedMeans.Clear();
    }
}
