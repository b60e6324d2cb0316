using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Tests;

public sealed class OutputNamesTests
{
    [Fact]
    public void Names_join_content_and_style_stems()
    {
        Assert.Equal("photo__starry.png", OutputNames.For("photo", "starry"));
        Assert.Equal("photo__starry+wave.png", OutputNames.ForBlend("photo", ["starry", "wave"]));
    }

    [Fact]
    public void Distinct_stems_are_kept()
    {
        Assert.Equal(["a", "b"], OutputNames.UniqueStems(["/x/a.png", "/y/b.jpg"]));
    }

    [Fact]
    public void Stems_differing_by_extension_get_the_extension()
    {
        Assert.Equal(["photo_jpg", "photo_png", "other"], OutputNames.UniqueStems(["/x/photo.jpg", "/x/photo.png", "/x/other.png"]));
    }

    [Fact]
    public void Same_names_in_different_folders_are_numbered_in_input_order_case_insensitively()
    {
        var stems = OutputNames.UniqueStems(["/a/photo.png", "/b/photo.png", "/c/Photo.png"]);
        Assert.Equal(["photo_png", "photo_png-2", "Photo_png-3"], stems);
        Assert.Equal(stems, OutputNames.UniqueStems(["/a/photo.png", "/b/photo.png", "/c/Photo.png"]));
    }

    [Fact]
    public void Numbering_never_takes_a_name_another_input_has()
    {
        // "x_png-2" is an input's own stem, so the second "x.png" must become "x_png-3".
        Assert.Equal(["x_png", "x_png-3", "x_png-2"], OutputNames.UniqueStems(["/a/x.png", "/b/x.png", "/c/x_png-2.png"]));
        Assert.Equal(["x", "x-2"], OutputNames.UniqueStems(["/a/x", "/b/x"]));
    }

    [Theory]
    [InlineData(".hidden", "hidden")]
    [InlineData("a__b", "a_b")]
    [InlineData("a+b", "a_b")]
    [InlineData("a:b", "a_b")]
    [InlineData("...", "image")]
    public void Stems_are_sanitized_for_result_names(string stem, string expected)
    {
        Assert.Equal(expected, OutputNames.Sanitize(stem));
    }
}
