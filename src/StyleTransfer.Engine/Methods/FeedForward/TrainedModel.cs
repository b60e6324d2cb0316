namespace StyleTransfer.Engine.Methods.FeedForward;

/// <summary>A finished training: the model file's bytes, its header, and the loss of every step from the first (a resumed run included).</summary>
public sealed record TrainedModel(ModelHeader Header, byte[] File, IReadOnlyList<double> Losses);
