namespace StyleTransfer.Contracts;

/// <summary>A GPU (or CPU) node: one per silo, keyed by the silo's identity.</summary>
[GenerateSerializer, Immutable, Alias("StyleTransfer.NodeInfo")]
public sealed record NodeInfo(string NodeId, string Device, int Capacity, int InFlight)
{
    public int Free => Math.Max(0, Capacity - InFlight);
}
