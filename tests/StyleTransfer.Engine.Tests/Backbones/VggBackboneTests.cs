using System.Diagnostics;
using StyleTransfer.Engine.Backbones;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit.Abstractions;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace StyleTransfer.Engine.Tests.Backbones;

/// <summary>Full-size torchvision-style VGG-16 and VGG-19 weight files (random values), written once for the test class.</summary>
public sealed class VggWeightFiles : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vgg-weights-");
    readonly Dictionary<VggVariant, (string Path, Dictionary<string, Tensor> StateDict)> _files = [];

    public (string Path, Dictionary<string, Tensor> StateDict) For(VggVariant variant)
    {
        lock (_files)
        {
            if (!_files.TryGetValue(variant, out var file))
            {
                var sd = VggBackboneTests.TorchvisionStateDict(variant == VggVariant.Vgg19 ? VggBackboneTests.Vgg19Cfg : VggBackboneTests.Vgg16Cfg, seed: 5);
                foreach (var t in sd.Values) t.DetachFromDisposeScope();
                file = _files[variant] = (VggBackboneTests.Save(sd, Path.Combine(_dir.FullName, $"{variant}.pth")), sd);
            }
            return file;
        }
    }

    public void Dispose()
    {
        foreach (var (_, sd) in _files.Values)
            foreach (var t in sd.Values) t.Dispose();
        _dir.Delete(recursive: true);
    }
}

public sealed class VggBackboneTests(ITestOutputHelper output, VggWeightFiles weightFiles) : IClassFixture<VggWeightFiles>, IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vgg-bad-weights-");

    public void Dispose() => _dir.Delete(recursive: true);

    // torchvision.models.vgg cfgs "D" and "E"; 0 = max pool.
    internal static readonly int[] Vgg16Cfg = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];
    internal static readonly int[] Vgg19Cfg = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0];

    /// <summary>A state dict with torchvision's key names and shapes (random values), including classifier keys.</summary>
    internal static Dictionary<string, Tensor> TorchvisionStateDict(int[] cfg, int seed)
    {
        var gen = new Generator((ulong)seed);
        var sd = new Dictionary<string, Tensor>();
        int index = 0, channels = 3;
        foreach (var v in cfg)
        {
            if (v == 0) { index++; continue; }
            sd[$"features.{index}.weight"] = randn([v, channels, 3, 3], generator: gen).mul_(Math.Sqrt(2.0 / (9 * channels)));
            sd[$"features.{index}.bias"] = randn([v], generator: gen).mul_(0.01);
            channels = v;
            index += 2;
        }
        sd["classifier.6.weight"] = randn([1000, 4096], generator: gen);
        sd["classifier.6.bias"] = zeros(1000);
        return sd;
    }

    internal static string Save(Dictionary<string, Tensor> sd, string path)
    {
        using (var stream = File.Create(path)) PyTorchPickler.PickleStateDict(stream, sd);
        return path;
    }

    [Theory]
    [InlineData(VggVariant.Vgg19, "relu5_4", 16)]
    [InlineData(VggVariant.Vgg16, "relu5_3", 13)]
    public void Loads_a_torchvision_state_dict_and_extracts_every_layer(VggVariant variant, string deepest, int convs)
    {
        using var scope = NewDisposeScope();
        var (path, sd) = weightFiles.For(variant);

        var sw = Stopwatch.StartNew();
        using var vgg = VggBackbone.Load(variant, path, CPU);
        output.WriteLine($"{variant}: load {sw.ElapsedMilliseconds} ms");

        Assert.Equal(convs, vgg.LayerNames.Count);
        Assert.Equal(deepest, vgg.LayerNames[^1]);
        var weights = vgg.Weights;
        Assert.Equal(2 * convs, weights.Count);
        foreach (var (key, value) in weights)
        {
            Assert.True(sd[key].allclose(value, rtol: 0, atol: 0), $"{key} differs from the file");
            Assert.False(value.requires_grad);
        }

        using var x = tensor(SyntheticImage.Chw(32, 48, seed: 1), [1, 3, 32, 48]);
        sw.Restart();
        var features = vgg.Extract(x, vgg.LayerNames.ToArray());
        output.WriteLine($"{variant}: forward 32x48 to {deepest} {sw.ElapsedMilliseconds} ms");
        foreach (var name in vgg.LayerNames)
        {
            int block = name[4] - '0';
            long channels = Math.Min(512, 64 << (block - 1));
            Assert.Equal([1L, channels, 32 >> (block - 1), 48 >> (block - 1)], features[name].shape);
        }

        // relu1_1 by hand: ImageNet normalisation, features.0 convolution, ReLU.
        var normalized = (x - tensor(new[] { 0.485f, 0.456f, 0.406f }).view(1, 3, 1, 1)) / tensor(new[] { 0.229f, 0.224f, 0.225f }).view(1, 3, 1, 1);
        var expected = F.relu(F.conv2d(normalized, sd["features.0.weight"], sd["features.0.bias"], padding: [1, 1]));
        Assert.True(expected.allclose(features["relu1_1"], rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Extract_is_differentiable_and_stops_at_the_deepest_requested_layer()
    {
        using var scope = NewDisposeScope();
        using var vgg = VggBackbone.Load(VggVariant.Vgg19, weightFiles.For(VggVariant.Vgg19).Path, CPU);
        Assert.Equal(["relu4_2"], vgg.DefaultContentLayers);
        Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], vgg.DefaultStyleLayers);

        using var x = rand(1, 3, 24, 24).requires_grad_(true);
        var features = vgg.Extract(x, ["relu2_1", "relu1_2"]);
        Assert.Equal(["relu1_2", "relu2_1"], features.Keys.Order());
        features["relu2_1"].sum().backward();
        Assert.True(x.grad!.abs().sum().item<float>() > 0);

        Assert.True(vgg.ForwardFlops(24, 24, "relu1_1") < vgg.ForwardFlops(24, 24, "relu2_1"));
        Assert.Equal(2.0 * 64 * 3 * 9 * 24 * 24, vgg.ForwardFlops(24, 24, "relu1_1"));
        // VGG-19 convolutions at 224x224: 19.6 GMACs.
        Assert.InRange(vgg.ForwardFlops(224, 224, "relu5_4"), 2 * 19.5e9, 2 * 19.7e9);
    }

    [Fact]
    public void Backbone_loaded_inside_a_dispose_scope_outlives_it()
    {
        VggBackbone vgg;
        using (NewDisposeScope()) vgg = VggBackbone.Load(VggVariant.Vgg16, weightFiles.For(VggVariant.Vgg16).Path, CPU);
        using (vgg)
        using (NewDisposeScope())
        {
            var features = vgg.Extract(rand(1, 3, 16, 16), ["relu2_2"]);
            Assert.Equal([1L, 128, 8, 8], features["relu2_2"].shape);
        }
    }

    [Fact]
    public void Wrong_shape_is_reported_with_file_and_key()
    {
        using var scope = NewDisposeScope();
        var path = Save(new() { ["features.0.weight"] = zeros(64, 3, 5, 5), ["features.0.bias"] = zeros(64) }, Path.Combine(_dir.FullName, "wrong-shape.pth"));

        var e = Assert.Throws<InvalidInputException>(() => VggBackbone.Load(VggVariant.Vgg19, path, CPU));
        output.WriteLine(e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("features.0.weight", e.Message);
        Assert.Contains("[64,3,5,5]", e.Message);
    }

    [Fact]
    public void Missing_key_is_reported_with_file_and_key()
    {
        using var scope = NewDisposeScope();
        var path = Save(new() { ["features.0.weight"] = zeros(64, 3, 3, 3), ["features.0.bias"] = zeros(64) }, Path.Combine(_dir.FullName, "partial.pth"));

        var e = Assert.Throws<InvalidInputException>(() => VggBackbone.Load(VggVariant.Vgg16, path, CPU));
        output.WriteLine(e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("features.2.weight", e.Message);
    }

    [Fact]
    public void Missing_file_and_non_state_dict_are_reported_with_the_path()
    {
        var missing = Path.Combine(_dir.FullName, "nope.pth");
        var e1 = Assert.Throws<InvalidInputException>(() => VggBackbone.Load(VggVariant.Vgg19, missing, CPU));
        Assert.Contains(missing, e1.Message);

        var text = Path.Combine(_dir.FullName, "notes.pth");
        File.WriteAllText(text, "these are not weights");
        var e2 = Assert.Throws<InvalidInputException>(() => VggBackbone.Load(VggVariant.Vgg19, text, CPU));
        output.WriteLine(e2.Message);
        Assert.Contains(text, e2.Message);
        Assert.Contains("state dict", e2.Message);
    }
}
