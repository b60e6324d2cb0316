using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Engine.Backbones;
using StyleTransfer.Engine.Methods.FeedForward;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Methods.FeedForward;

/// <summary>The real ResNet-18 on CPU and a few tiny generated training images, shared by a test class.</summary>
public sealed class FeedForwardFixture : IDisposable
{
    public IBackbone Backbone { get; } = ResNet18Backbone.Load(null, CPU);

    public TestImages Images { get; } = new();

    public string ContentFolder { get; }

    public string StyleFolder { get; }

    public string StylePath { get; }

    public FeedForwardFixture()
    {
        ContentFolder = Directory.CreateDirectory(Path.Combine(Images.Folder, "content")).FullName;
        StyleFolder = Directory.CreateDirectory(Path.Combine(Images.Folder, "styles")).FullName;
        Images.Content(48, 40, "content/a.png");
        Images.Content(40, 56, "content/b.png");
        Images.Write("content/c.png", 44, 44, (x, y) => new Rgb24((byte)(x * 5), (byte)(y * 5), (byte)(128 + (x ^ y) % 64)));
        Images.Write("content/d.png", 36, 48, (x, y) => y < 20 ? new Rgb24(90, 140, 220) : new Rgb24((byte)(40 + x), 120, 40));
        StylePath = Images.Style(48, 48, "styles/stripes.png");
        Images.Write("styles/dots.png", 48, 48, (x, y) => (x % 8 < 4) == (y % 8 < 4) ? new Rgb24(250, 200, 20) : new Rgb24(20, 20, 20));
    }

    /// <summary>A tiny network for tests: a few channels and one residual block.</summary>
    public static TransformNetArchitecture Tiny { get; } = new(16, 16, 16, 1);

    public static FastTrainingOptions FastOptions(int steps) => new()
    {
        Architecture = Tiny, Steps = steps, BatchSize = 2, CropSize = 32, StyleSize = 48, LearningRate = 1e-2, Seed = 7,
    };

    public static AdaInTrainingOptions AdaInOptions(int steps) => new()
    {
        Architecture = AdaInArchitecture.For("layer2", 0.25), Steps = steps, BatchSize = 2, CropSize = 32, LearningRate = 3e-3, Seed = 7,
    };

    public void Dispose()
    {
        Backbone.Dispose();
        Images.Dispose();
    }
}

/// <summary>Reports synchronously on the training thread (System.Progress would post to the thread pool).</summary>
public sealed class ActionProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

static class TensorAssertions
{
    /// <summary>Same shape and bit-identical values.</summary>
    public static bool Same(this TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
