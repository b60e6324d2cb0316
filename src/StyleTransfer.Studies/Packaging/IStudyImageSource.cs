namespace StyleTransfer.Studies.Packaging;

/// <summary>The images a study shows, by index into <see cref="Formats.StudyDefinition"/>'s lists (any format ImageSharp reads).</summary>
public interface IStudyImageSource
{
    Task<byte[]> OutputAsync(int condition, int content, int style, CancellationToken cancellationToken);

    Task<byte[]> ContentAsync(int content, CancellationToken cancellationToken);

    Task<byte[]> StyleAsync(int style, CancellationToken cancellationToken);
}
