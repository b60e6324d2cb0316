using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StyleTransfer.Contracts;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;

namespace StyleTransfer.Grains.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void Job_spec_with_method_settings_round_trips_through_the_orleans_serializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var spec = new JobSpec("j", "out",
            [new JobItemSpec("a", "/in/a.png", [new StyleSpec("/in/s.png", 0.7), new StyleSpec("/in/t.png")], "a.png", "/m/a.png", "/m/s.png")],
            MethodSpecMapping.ToSpec(new StylizeOptions
            {
                Shared = new() { MaxSize = 96 }, Gatys = new() { Optimizer = OptimizerKind.Adam, StyleLayers = ["layer1", "layer2"], SoftmaxStyle = true },
            }));

        var copy = serializer.Deserialize<JobSpec>(serializer.SerializeToArray(spec));
        Assert.NotNull(copy);

        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(copy));
        Assert.Equal(OptimizerKind.Adam, MethodSpecMapping.ToEngine(copy.Options).Gatys.Optimizer);
        Assert.Equal(["layer1", "layer2"], copy.Options.Gatys.StyleLayers!);
    }

    [Fact]
    public void A_running_items_dispatch_is_part_of_the_stored_page_state()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var item = new PageItem { Spec = new JobItemSpec("a", "/in/a.png", [new StyleSpec("/in/s.png")], "a.png"), OutputName = "a.png" };
        var dispatch = Guid.NewGuid();
        item.Dispatched(dispatch, "node-1", 10, DateTimeOffset.UtcNow);

        var copy = serializer.Deserialize<JobPageState>(serializer.SerializeToArray(new JobPageState { JobId = "j", Items = [item] }));

        var stored = Assert.Single(copy.Items);
        Assert.Equal((ItemState.Running, dispatch, "node-1", 1), (stored.State, stored.DispatchId, stored.Node, stored.Attempts));
    }
}
