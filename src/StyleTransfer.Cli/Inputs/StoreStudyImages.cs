using StyleTransfer.Storage;
using StyleTransfer.Studies.Packaging;

namespace StyleTransfer.Cli.Inputs;

/// <summary>A study's images: the job's outputs from the result store, contents and styles from their files.</summary>
public sealed class StoreStudyImages(IResultStore store, Func<int, int, int, string> outputName,
    IReadOnlyList<string> contents, IReadOnlyList<string> styles) : IStudyImageSource
{
    public Task<byte[]> OutputAsync(int condition, int content, int style, CancellationToken cancellationToken) =>
        store.ReadAsync(outputName(condition, content, style), cancellationToken);

    public Task<byte[]> ContentAsync(int content, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(contents[content], cancellationToken);

    public Task<byte[]> StyleAsync(int style, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(styles[style], cancellationToken);
}
