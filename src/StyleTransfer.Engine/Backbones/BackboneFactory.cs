using static TorchSharp.torch;

namespace StyleTransfer.Engine.Backbones;

/// <summary>Creates backbones by name: "resnet18" (weights shipped with the ResNet-18 NuGet package) or "vgg19"/"vgg16" (torchvision .pth state dict given by the user).</summary>
public static class BackboneFactory
{
    public static readonly IReadOnlyList<string> Names = ["resnet18", "vgg19", "vgg16"];

    public static IBackbone Create(string name, string? weightsPath, Device device) => name.ToLowerInvariant() switch
    {
        "resnet18" => ResNet18Backbone.Load(weightsPath, device),
        "vgg19" => VggBackbone.Load(VggVariant.Vgg19, weightsPath ?? throw MissingWeights(name), device),
        "vgg16" => VggBackbone.Load(VggVariant.Vgg16, weightsPath ?? throw MissingWeights(name), device),
        _ => throw new ArgumentException($"unknown backbone '{name}'; expected one of: {string.Join(", ", Names)}", nameof(name)),
    };

    static ArgumentException MissingWeights(string name) => new(
        $"backbone '{name}' needs --weights pointing at torchvision's {name} state dict (.pth); see README, section 'VGG weights'");
}
