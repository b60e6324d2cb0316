using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace StyleTransfer.Grains;

/// <summary>
/// Places a grain on the silo named by its string key (<c>SiloAddress.ToParsableString()</c>), so that a node grain
/// always lives on the silo whose device it describes, whoever calls it first.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("StyleTransfer.NodeLocalPlacement")]
public sealed class NodeLocalPlacement : PlacementStrategy
{
    public static readonly NodeLocalPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NodeLocalPlacementAttribute() : PlacementAttribute(NodeLocalPlacement.Instance);

public sealed class NodeLocalPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var silos = context.GetCompatibleSilos(target);
        var silo = silos.FirstOrDefault(s => s.ToParsableString() == key)
            ?? throw new OrleansException($"node '{key}' is not an active silo of this cluster (active: {string.Join(", ", silos.Select(s => s.ToParsableString()))})");
        return Task.FromResult(silo);
    }
}
