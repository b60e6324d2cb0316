namespace StyleTransfer.Engine.Backbones;

/// <summary>torchvision's VGG configurations "D" (VGG-16) and "E" (VGG-19), without batch norm.</summary>
public enum VggVariant
{
    Vgg16,
    Vgg19,
}
