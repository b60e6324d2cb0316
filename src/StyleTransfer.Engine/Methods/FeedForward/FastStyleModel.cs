using TorchSharp;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// A trained per-style transform network (method "fast") and what it was trained with. Stylizes batches of content
/// images in one forward pass. Not thread-safe for concurrent <see cref="Stylize"/> calls on CUDA streams; a silo
/// shares one instance per style behind its own lock or one per device thread.
/// </summary>
public sealed class FastStyleModel : IDisposable
{
    public ModelHeader Header { get; }

    public TransformNet Network { get; }

    public Device Device { get; private set; }

    internal FastStyleModel(ModelHeader header, TransformNet network, Device device)
    {
        Header = header;
        Network = network;
        Device = device;
    }

    /// <summary>
    /// Stylizes <paramref name="content"/> [N,3,H,W] (RGB in [0,1], any device) in one batch on the model's device;
    /// returns [N,3,H,W] in [0,1] on that device. All images of a batch share one size: grouping or padding images of
    /// different sizes is the caller's job (instance norm makes each output independent of the others in the batch).
    /// </summary>
    public Tensor Stylize(Tensor content)
    {
        if (content.dim() != 4 || content.shape[1] != 3)
            throw new ArgumentException($"content must be [N,3,H,W] RGB, got [{string.Join(",", content.shape)}]");
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        Network.eval();
        var input = content.to(Device);
        return Network.forward(input).clamp_(0, 1).MoveToOuterDisposeScope();
    }

    public void Save(string path) => ModelFile.Write(path, Header, ModelFile.ModuleBytes(Network));

    public void Save(Stream stream) => ModelFile.Write(stream, Header, ModelFile.ModuleBytes(Network));

    /// <summary>Loads a fast model onto <paramref name="device"/>; refuses anything else with a message naming <paramref name="path"/>.</summary>
    public static FastStyleModel Load(string path, Device? device = null) => FromContents(ModelFile.Read(path), path, device ?? CPU);

    public static FastStyleModel Load(Stream stream, string name, Device? device = null) => FromContents(ModelFile.Read(stream, name), name, device ?? CPU);

    internal static FastStyleModel FromContents(ModelFile.Contents contents, string name, Device device)
    {
        var header = contents.Header;
        ModelFile.ExpectKind(header, ModelKind.Fast, name);
        var architecture = header.TransformNet
            ?? throw new InvalidInputException(name, "corrupt model file (a fast model without its transform network architecture)");
        TransformNet network;
        try { network = new TransformNet(architecture); }
        catch (ArgumentException e) { throw new InvalidInputException(name, $"corrupt model file ({e.Message})", e); }
        ModelFile.LoadInto(network, contents.Weights, name, architecture.ToString());
        network.to(device);
        network.eval();
        return new FastStyleModel(header, network, device);
    }

    public void Dispose() => Network.Dispose();
}
