using StyleTransfer.Engine.Segmentation;
using static TorchSharp.torch;

namespace StyleTransfer.Engine.Tests.Segmentation;

public class SceneParsingSegmenterTests : IDisposable
{
    readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    const int Sky = 2, Tree = 4, Person = 12, Painting = 22;

    /// <summary>
    /// A 1x1 conv whose argmax follows the pixel's dominant colour (after ImageNet normalization): blue → sky,
    /// green → tree, red → person; black pixels (all three negative) fall to the bias of painting (Other).
    /// </summary>
    string ColourModel(int channels = 150, int? height = null, int? width = null)
    {
        var w = new float[channels * 3];
        var b = new float[channels];
        w[Sky * 3 + 2] = 1;
        w[Tree * 3 + 1] = 1;
        w[Person * 3 + 0] = 1;
        b[Painting] = 0.5f;
        return _files.WriteBytes($"colour{channels}.onnx", TinyOnnxModel.Conv1x1(w, b, channels, height, width));
    }

    /// <summary>Quadrants: blue top-left, green top-right, red bottom-left, black bottom-right.</summary>
    static Tensor Quadrants(int h, int w)
    {
        var data = new float[3 * h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int channel = y < h / 2 ? (x < w / 2 ? 2 : 1) : (x < w / 2 ? 0 : -1);
                if (channel >= 0) data[(channel * h + y) * w + x] = 1;
            }
        return tensor(data, [1, 3, h, w]);
    }

    static string LabelAt(LabelMap map, int x, int y) => ColorLabelMasks.Palette[map.Labels[y * map.Width + x]].Name;

    [Fact]
    public void Table_maps_every_class_and_spot_checks_hold()
    {
        Assert.Equal(150, Ade20kGroups.ClassNames.Count);
        Assert.Equal(150, Ade20kGroups.ByClass.Count);
        Assert.Equal(150, Ade20kGroups.ClassNames.Distinct().Count());
        Assert.Equal("sky", Ade20kGroups.ClassNames[Sky]);
        Assert.Equal("tree", Ade20kGroups.ClassNames[Tree]);
        Assert.Equal("person", Ade20kGroups.ClassNames[Person]);
        Assert.Equal("sea", Ade20kGroups.ClassNames[26]);
        Assert.Equal("flag", Ade20kGroups.ClassNames[149]);
        Assert.Equal(SceneGroup.Sky, Ade20kGroups.GroupOf(Sky));
        Assert.Equal(SceneGroup.Vegetation, Ade20kGroups.GroupOf(Tree));
        Assert.Equal(SceneGroup.Person, Ade20kGroups.GroupOf(Person));
        Assert.Equal(SceneGroup.Building, Ade20kGroups.GroupOf(0));
        Assert.Equal(SceneGroup.Ground, Ade20kGroups.GroupOf(6));
        Assert.Equal(SceneGroup.Mountain, Ade20kGroups.GroupOf(16));
        Assert.Equal(SceneGroup.Vehicle, Ade20kGroups.GroupOf(20));
        Assert.Equal(SceneGroup.Water, Ade20kGroups.GroupOf(21));
        Assert.Equal(SceneGroup.Water, Ade20kGroups.GroupOf(128));
        Assert.Equal(SceneGroup.Other, Ade20kGroups.GroupOf(Painting));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ade20kGroups.GroupOf(150));
        // Every group has its own palette label.
        var labels = Enum.GetValues<SceneGroup>().Select(Ade20kGroups.LabelOf).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, l => ColorLabelMasks.IndexOf(l));
    }

    [Fact]
    public void Model_output_is_argmaxed_grouped_and_upsampled_to_the_image()
    {
        using var segmenter = new SceneParsingSegmenter(ColourModel(), new SceneParsingOptions { MaxInputSide = 16 });
        using var image = Quadrants(24, 32);
        var (classes, cw, ch) = segmenter.Classify(image);
        Assert.Equal((16, 16), (cw, ch)); // 32x24 fitted within 16 px, rounded to multiples of 8
        Assert.Equal(Sky, classes[2 * cw + 2]);
        Assert.Equal(Tree, classes[2 * cw + cw - 3]);

        var map = segmenter.Segment(image);
        Assert.Equal((32, 24), (map.Width, map.Height));
        Assert.Equal("blue", LabelAt(map, 4, 4));        // sky
        Assert.Equal("green", LabelAt(map, 28, 4));      // vegetation
        Assert.Equal("red", LabelAt(map, 4, 20));        // person
        Assert.Equal("black", LabelAt(map, 28, 20));     // other
        foreach (var f in map.Fractions().Values) Assert.InRange(f, 0.2, 0.3);
    }

    [Fact]
    public void Fixed_model_input_size_is_used_and_151_channels_drop_the_other_channel()
    {
        // Channel 0 of a 151-channel model is "other", so class k is channel k+1: shift the colour model by one.
        var w = new float[151 * 3];
        var b = new float[151];
        w[(Sky + 1) * 3 + 2] = 1;
        b[0] = 0.5f;
        var path = _files.WriteBytes("ade151.onnx", TinyOnnxModel.Conv1x1(w, b, 151, height: 8, width: 8));
        using var segmenter = new SceneParsingSegmenter(path);
        using var image = Quadrants(40, 40);
        var (classes, cw, ch) = segmenter.Classify(image);
        Assert.Equal((8, 8), (cw, ch));
        Assert.Equal(Sky, classes[1 * 8 + 1]);
        Assert.Equal(-1, classes[7 * 8 + 7]);
        var map = segmenter.Segment(image);
        Assert.Equal("blue", LabelAt(map, 5, 5));
        Assert.Equal("black", LabelAt(map, 35, 35));
    }

    [Fact]
    public void Missing_or_invalid_models_are_refused_naming_the_file()
    {
        var missing = Path.Combine(_files.Folder, "nope.onnx");
        var e = Assert.Throws<InvalidInputException>(() => new SceneParsingSegmenter(missing));
        Assert.Equal(missing, e.Path);
        Assert.Contains("not found", e.Message);

        var garbage = _files.WriteBytes("garbage.onnx", "this is not a protobuf at all"u8.ToArray());
        e = Assert.Throws<InvalidInputException>(() => new SceneParsingSegmenter(garbage));
        Assert.Equal(garbage, e.Path);
        Assert.Contains("ONNX", e.Message);
    }

    [Fact]
    public void Output_that_is_not_ade20k_scores_is_refused()
    {
        var path = _files.WriteBytes("ten.onnx", TinyOnnxModel.Conv1x1(new float[30], new float[10], 10));
        using var segmenter = new SceneParsingSegmenter(path);
        using var image = Quadrants(16, 16);
        var e = Assert.Throws<InvalidInputException>(() => segmenter.Segment(image));
        Assert.Equal(path, e.Path);
        Assert.Contains("[1,10,", e.Message);
        Assert.Contains("150", e.Message);
    }

    [Fact]
    public void Inconsistent_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SceneParsingOptions { InputWidth = 64 }.Validate());
        Assert.Throws<ArgumentException>(() => new SceneParsingOptions { Std = [1, 0, 1] }.Validate());
        Assert.Throws<ArgumentException>(() => new SceneParsingOptions { Mean = [0.5f] }.Validate());
    }
}
