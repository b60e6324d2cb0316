using StyleTransfer.Engine.Imaging;

namespace StyleTransfer.Cli.Inputs;

public static class ImageFiles
{
    public static bool HasImageExtension(string path) =>
        ImageIO.SupportedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Dot files (Unix convention) and files or folders with the Hidden attribute.</summary>
    public static bool IsHidden(FileSystemInfo entry) =>
        entry.Name.StartsWith('.') || (entry.Attributes & FileAttributes.Hidden) != 0;
}
