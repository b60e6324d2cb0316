using Microsoft.Extensions.Options;
using StyleTransfer.Engine;
using StyleTransfer.Grains;

namespace StyleTransfer.Silo;

/// <summary>
/// Opens the node's device while the silo starts, so a device that does not exist (e.g. GpuNode:Device "cuda" on a
/// machine without CUDA, or "cuda:3" on one with two GPUs) stops the silo with that reason instead of leaving a node
/// that never takes work and jobs whose items stay queued.
/// </summary>
public sealed class NodeDeviceCheck(IOptions<GpuNodeOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeDeviceCheck), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            try
            {
                TorchDevices.Select(options.Value.Device);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new InvalidOperationException($"{GpuNodeOptions.SectionName}:Device '{options.Value.Device}': {e.Message}", e);
            }
            return Task.CompletedTask;
        });
}
