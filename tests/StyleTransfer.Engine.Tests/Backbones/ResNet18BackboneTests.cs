using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using StyleTransfer.Engine.Backbones;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Backbones;

public sealed class ResNet18BackboneTests(ITestOutputHelper output)
{
    static string ModelsDir => Path.Combine(AppContext.BaseDirectory, "models");

    [Fact]
    public void Pool_features_match_onnx_runtime_on_the_original_onnx_files()
    {
        const int size = 224;
        var image = SyntheticImage.Chw(size, size, seed: 7);

        float[] expected;
        using (var prep = new InferenceSession(Path.Combine(ModelsDir, "ResNetPreprocess.onnx")))
        using (var net = new InferenceSession(Path.Combine(ModelsDir, "ResNet18.onnx")))
        {
            var pixels = image.Select(v => v * 255f).ToArray();
            using var prepOut = prep.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", new DenseTensor<float>(pixels, [1, 3, size, size]))]);
            var preprocessed = prepOut.Single().AsTensor<float>().ToArray();
            using var netOut = net.Run([NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor<float>(preprocessed, [1, 3, size, size]))]);
            expected = netOut.Single().AsTensor<float>().ToArray();
        }

        var sw = Stopwatch.StartNew();
        using var backbone = ResNet18Backbone.Load(null, CPU);
        var loadMs = sw.ElapsedMilliseconds;
        using var scope = NewDisposeScope();
        using var x = tensor(image, [1, 3, size, size]);
        sw.Restart();
        var pool = backbone.Extract(x, ["pool"])["pool"];
        var forwardMs = sw.ElapsedMilliseconds;

        Assert.Equal([1L, 512, 1, 1], pool.shape);
        var actual = pool.data<float>().ToArray();
        Assert.Equal(512, expected.Length);
        double maxAbsDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        double maxAbs = expected.Max(Math.Abs);
        output.WriteLine($"load {loadMs} ms, forward {forwardMs} ms; max |onnx| {maxAbs:G4}, max abs diff {maxAbsDiff:G3} (relative {maxAbsDiff / maxAbs:G3})");
        Assert.True(maxAbs > 0.1, "reference features are degenerate");
        Assert.True(maxAbsDiff <= 1e-4 * maxAbs + 1e-5, $"max abs diff {maxAbsDiff} vs max |value| {maxAbs}");
    }

    [Fact]
    public void Stage_shapes_at_a_non_square_non_224_size_and_gradient_reaches_the_input()
    {
        using var backbone = ResNet18Backbone.Load(Path.Combine(ModelsDir, "ResNet18.onnx"), CPU);
        using var scope = NewDisposeScope();
        using var x = tensor(SyntheticImage.Chw(128, 160, seed: 3), [1, 3, 128, 160]).requires_grad_(true);

        var features = backbone.Extract(x, backbone.LayerNames.ToArray());

        Assert.Equal([1L, 64, 64, 80], features["conv1"].shape);
        Assert.Equal([1L, 64, 32, 40], features["layer1"].shape);
        Assert.Equal([1L, 128, 16, 20], features["layer2"].shape);
        Assert.Equal([1L, 256, 8, 10], features["layer3"].shape);
        Assert.Equal([1L, 512, 4, 5], features["layer4"].shape);
        Assert.Equal([1L, 512, 1, 1], features["pool"].shape);
        using (no_grad())
            Assert.True(features["layer4"].mean([2L, 3L], keepdim: true).allclose(features["pool"], rtol: 1e-5, atol: 1e-6));

        features["layer2"].square().mean().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData(170, 256)]
    [InlineData(256, 171)]
    [InlineData(48, 64)]
    [InlineData(37, 53)]
    public void Any_size_works_with_same_padding_halving_each_stage(int height, int width)
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        using var x = rand(1, 3, height, width);
        var features = backbone.Extract(x, ["conv1", "layer1", "layer2", "layer3", "layer4", "pool"]);
        long h = height, w = width;
        foreach (var layer in new[] { "conv1", "layer1", "layer2", "layer3", "layer4" })
        {
            h = (h + 1) / 2; w = (w + 1) / 2; // "same" padding: ⌈n/2⌉ per stride-2 step
            Assert.Equal(new[] { h, w }, features[layer].shape[2..]);
        }
        Assert.True(backbone.ForwardFlops(height, width, "layer4") > 0);
    }

    [Fact]
    public void Extract_returns_only_the_requested_layers_and_rejects_unknown_ones()
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        using var scope = NewDisposeScope();
        using var x = rand(1, 3, 64, 64);

        var features = backbone.Extract(x, ["conv1", "layer1"]);
        Assert.Equal(["conv1", "layer1"], features.Keys.Order());

        var e = Assert.Throws<ArgumentException>(() => backbone.Extract(x, ["relu4_2"]));
        Assert.Contains("relu4_2", e.Message);
        Assert.Contains("layer3", e.Message);
    }

    [Fact]
    public void Backbone_loaded_inside_a_dispose_scope_outlives_it()
    {
        ResNet18Backbone backbone;
        using (NewDisposeScope()) backbone = ResNet18Backbone.Load(null, CPU);
        using (backbone)
        using (NewDisposeScope())
        {
            var features = backbone.Extract(rand(1, 3, 48, 40), ["layer1"]);
            Assert.Equal([1L, 64, 12, 10], features["layer1"].shape);
        }
    }

    [Fact]
    public void Flops_grow_with_depth_and_match_the_architecture_at_224()
    {
        using var backbone = ResNet18Backbone.Load(null, CPU);
        var flops = backbone.LayerNames.Select(l => backbone.ForwardFlops(224, 224, l)).ToArray();
        output.WriteLine(string.Join(", ", backbone.LayerNames.Zip(flops, (l, f) => $"{l}={f / 1e9:F3} GFLOPs")));
        for (int k = 1; k < flops.Length - 1; k++) Assert.True(flops[k] > flops[k - 1]);

        // MACs of the convolutions, stage by stage; this export's last stage has three basic blocks (torchvision's has two).
        static double Conv(double cout, double cin, double k, double side) => cout * cin * k * k * side * side;
        double stem = Conv(64, 3, 7, 112);
        double layer1 = 4 * Conv(64, 64, 3, 56);
        double layer2 = Conv(128, 64, 3, 28) + 3 * Conv(128, 128, 3, 28) + Conv(128, 64, 1, 28);
        double layer3 = Conv(256, 128, 3, 14) + 3 * Conv(256, 256, 3, 14) + Conv(256, 128, 1, 14);
        double layer4 = Conv(512, 256, 3, 7) + 5 * Conv(512, 512, 3, 7) + Conv(512, 256, 1, 7);
        Assert.Equal(2 * stem, flops[0]);
        Assert.Equal(2 * (stem + layer1), flops[1]);
        Assert.Equal(2 * (stem + layer1 + layer2 + layer3 + layer4), flops[5]);
        Assert.Equal(flops[4] * 0.25, backbone.ForwardFlops(112, 112, "layer4"), 0.05 * flops[4]);
    }

    [Fact]
    public void Missing_or_corrupt_model_file_is_reported_with_its_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "ResNet18.onnx");
        var e1 = Assert.Throws<InvalidInputException>(() => ResNet18Backbone.Load(missing, CPU));
        Assert.Contains(missing, e1.Message);

        var dir = Directory.CreateTempSubdirectory("resnet-corrupt-");
        try
        {
            var corrupt = Path.Combine(dir.FullName, "ResNet18.onnx");
            var garbage = new byte[4096];
            new Random(1).NextBytes(garbage);
            File.WriteAllBytes(corrupt, garbage);
            var e2 = Assert.Throws<InvalidInputException>(() => ResNet18Backbone.Load(corrupt, CPU));
            Assert.Contains(corrupt, e2.Message);
            output.WriteLine(e2.Message);
        }
        finally { dir.Delete(recursive: true); }
    }
}
