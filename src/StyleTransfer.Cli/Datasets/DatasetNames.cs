using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// Output names of a dataset: the content's relative folder, its stem, "__" and the style's stem, in the output
/// format's extension, e.g. "n01440764/img_001__starry.jpg" (under "alpha-0.4/" per alpha level). Stems are made
/// unique within a folder as <see cref="OutputNames.UniqueStems"/> does (e.g. "a_jpg" and "a_png").
/// </summary>
public static class DatasetNames
{
    public const string RecordName = "dataset-record.jsonl";

    /// <summary>The folder's images' unique stems, in the order of <paramref name="images"/>.</summary>
    public static IReadOnlyList<string> Stems(IReadOnlyList<ContentFile> images) => OutputNames.UniqueStems(images.Select(i => i.RelativePath).ToList());

    public static string Output(string levelPrefix, string folder, string contentStem, string styleStem, string extension) =>
        $"{levelPrefix}{(folder.Length == 0 ? "" : folder + "/")}{contentStem}{OutputNames.Separator}{styleStem}{extension}";
}
