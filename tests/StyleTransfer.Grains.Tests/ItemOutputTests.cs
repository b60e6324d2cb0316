using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Contracts;

namespace StyleTransfer.Grains.Tests;

/// <summary>A dataset item's geometry and format (JobItemSpec.Output): in manifests, on the wire and on the node.</summary>
public sealed class ItemOutputTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Item_output_round_trips_through_the_orleans_serializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var item = new JobItemSpec("a", "/in/a.png", [new StyleSpec("/in/s.png")], "cls/a__s.jpg") { Output = new ItemOutput("jpg", 75, 224, true) };

        var copy = serializer.Deserialize<JobItemSpec>(serializer.SerializeToArray(item))!;

        Assert.Equal(new ItemOutput("jpg", 75, 224, true), copy.Output);
    }

    [Fact]
    public void Manifest_lines_carry_format_quality_size_and_crop_and_bad_ones_fail_alone()
    {
        var manifest = _images.Path("items.jsonl");
        File.WriteAllLines(manifest, [
            """{"content": "a.png", "style": "s.png", "output": "cls/a__s.jpg", "format": "jpg", "quality": 80, "contentSize": 32, "crop": "center"}""",
            """{"content": "b.png", "style": "s.png", "output": "cls/b__s.png", "format": "jpg"}""",
            """{"content": "c.png", "style": "s.png", "output": "c__s.png", "crop": "middle"}""",
            """{"content": "d.png", "style": "s.png", "output": "d__s.png", "contentSize": 8}""",
            """{"content": "e.png", "style": "s.png"}""",
        ]);

        var page = JobManifest.Read(manifest, 0, 0, 100);

        Assert.Equal(new ItemOutput("jpg", 80, 32, true), page.Items[0].Output);
        Assert.Null(page.Items[1].Output);
        Assert.Equal("e__s.png", page.Items[1].OutputName);
        Assert.Equal(3, page.Rejected.Count);
        Assert.Contains("its format is jpg, so it must end in .jpg", page.Rejected[0].Reason);
        Assert.Contains("\"crop\" must be \"center\" or \"none\"", page.Rejected[1].Reason);
        Assert.Contains("content size 8 is out of range", page.Rejected[2].Reason);
    }

    [Fact]
    public void The_node_resizes_the_shorter_side_crops_the_centre_and_encodes_jpeg()
    {
        var content = _images.Content("wide.png", seed: 1, width: 60, height: 40);

        using (var kept = ItemShaping.Prepare(content, new ItemOutput(ContentSize: 20)))
            Assert.Equal((30, 20), Size(kept.ContentPath));
        using (var cropped = ItemShaping.Prepare(content, new ItemOutput(ContentSize: 20, CenterCrop: true)))
        {
            Assert.Equal((20, 20), Size(cropped.ContentPath));
            Assert.Equal(20, cropped.LongestSide);
            var jpeg = ItemShaping.Encode(File.ReadAllBytes(cropped.ContentPath), new ItemOutput("jpg", 60));
            Assert.IsType<JpegFormat>(Image.DetectFormat(jpeg));
            var path = cropped.ContentPath;
            cropped.Dispose();
            Assert.False(File.Exists(path));
        }
        using (var original = ItemShaping.Prepare(content, new ItemOutput()))
            Assert.Equal((60, 40), Size(original.ContentPath));
    }

    static (int, int) Size(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        return (image.Width, image.Height);
    }
}
