namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// A dataset's outputs from its trees: every image of the content tree, folder by folder, gets its drawn styles
/// (<see cref="StyleAssignment"/>) at every alpha level; every other file is copied through unless images only.
/// </summary>
public static class DatasetPlanner
{
    public static void Plan(string contentRoot, StyleLibrary styles, DatasetSettings settings, DatasetWriter writer, DatasetSources sources)
    {
        foreach (var folder in sources.Walk(contentRoot))
        {
            var images = folder.Files.Where(f => f.IsImage).ToList();
            var stems = DatasetNames.Stems(images);
            for (int i = 0; i < images.Count; i++)
            {
                var picks = StyleAssignment.Draw(settings.Seed, images[i].RelativePath, styles.Usable.Count, settings.StylesPerImage);
                foreach (var alpha in settings.AlphaLevels)
                foreach (var pick in picks)
                {
                    var style = styles.Usable[pick];
                    var name = DatasetNames.Output(settings.LevelPrefix(alpha), folder.RelativePath, stems[i], style.Stem, settings.Output.Extension);
                    writer.AddOutput(new DatasetRecord.Line(images[i].RelativePath, style.RelativePath, alpha, settings.Method, settings.ModelHash, name));
                }
            }
            if (settings.ImagesOnly) continue;
            foreach (var other in folder.Files.Where(f => !f.IsImage))
                writer.AddCopy(other.RelativePath);
        }
    }

    /// <summary>The outputs and copies of a record, as they were.</summary>
    public static void Replay(IEnumerable<DatasetRecord.Line> lines, DatasetWriter writer)
    {
        foreach (var line in lines)
        {
            if (line.Copy is not null) writer.AddCopy(line.Copy);
            else writer.AddOutput(line);
        }
    }
}
