namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>
/// A training run at a step: network weights, Adam's state, the crop samplers' positions and the losses so far, in
/// the model file format (so a checkpoint also loads as a model). The trainer hands one to the caller every
/// <c>CheckpointEvery</c> steps; the caller decides where to write it, and passes it back to resume.
/// </summary>
public sealed class TrainingCheckpoint
{
    public ModelHeader Header { get; }

    public byte[] Weights { get; }

    public byte[] Optimizer { get; }

    public CheckpointState State => Header.Checkpoint!;

    public int Step => State.Step;

    public IReadOnlyList<double> Losses => State.Losses;

    /// <summary>Where it was loaded from (named in errors), or "checkpoint" for one handed over in memory.</summary>
    public string Source { get; private init; } = "checkpoint";

    internal TrainingCheckpoint(ModelHeader header, byte[] weights, byte[] optimizer)
    {
        Header = header with { WeightsSha256 = ModelFile.Sha256(weights) };
        Weights = weights;
        Optimizer = optimizer;
    }

    public void Save(string path) => ModelFile.Write(path, Header, Weights, Optimizer);

    public void Save(Stream stream) => ModelFile.Write(stream, Header, Weights, Optimizer);

    public static TrainingCheckpoint Load(string path) => FromContents(ModelFile.Read(path), path);

    public static TrainingCheckpoint Load(Stream stream, string name) => FromContents(ModelFile.Read(stream, name), name);

    static TrainingCheckpoint FromContents(ModelFile.Contents contents, string name)
    {
        if (contents.Header.Checkpoint is null || contents.Optimizer is null)
            throw new InvalidInputException(name, "is a finished model, not a training checkpoint (it has no optimizer state)");
        return new TrainingCheckpoint(contents.Header, contents.Weights, contents.Optimizer) { Source = name };
    }
}
