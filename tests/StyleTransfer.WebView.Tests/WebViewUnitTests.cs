using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using StyleTransfer.Contracts;
using StyleTransfer.Silo.WebView;

namespace StyleTransfer.WebView.Tests;

public sealed class StudyFilesTests
{
    [Theory]
    [InlineData("s1/public/index.html", "s1")]
    [InlineData("a/b/public/images/x.png", "a/b")]
    [InlineData("public/index.html", "")]
    [InlineData("public/x/public/y.png", "public/x")]
    [InlineData("key/s/public/index.html", "key/s")]
    public void Files_under_a_public_folder_are_served_with_their_study_prefix(string name, string prefix)
    {
        Assert.Equal(prefix, StudyFiles.PublicPrefixOf(name, out var reason));
        Assert.Equal("", reason);
    }

    [Theory]
    [InlineData("s1/key/study.json", "not a file under")]
    [InlineData("s1/public", "not a file under")]
    [InlineData("s1/public/key/trials.jsonl", "key/")]
    [InlineData("s1/public/x/KEY/y", "key/")]
    [InlineData("s1/public/../key/study.json", "..")]
    [InlineData("/etc/public/passwd", "absolute")]
    [InlineData("s1/public//x.png", "empty")]
    [InlineData("s1/public/.hidden.html", "reserved for temporary files")]
    [InlineData("s1\\public\\x.png", "'\\'")]
    [InlineData("s1/public/a\u001b[31m.png", "control character")]
    public void Anything_else_is_refused_with_the_reason(string name, string reasonPart)
    {
        Assert.Null(StudyFiles.PublicPrefixOf(name, out var reason));
        Assert.Contains(reasonPart, reason);
    }

    [Theory]
    [InlineData("a.html", "text/html; charset=utf-8")]
    [InlineData("a.CSV", "text/csv; charset=utf-8")]
    [InlineData("a.json", "application/json")]
    [InlineData("a.jpg", "image/jpeg")]
    [InlineData("a.svg", "application/octet-stream")]
    public void Content_types_follow_the_extension(string name, string type) => Assert.Equal(type, StudyFiles.ContentTypeOf(name));
}

public sealed class ThumbnailsTests
{
    [Fact]
    public void A_large_image_is_scaled_to_fit_keeping_its_aspect_and_a_small_one_keeps_its_size()
    {
        using var wide = new Image<Rgb24>(400, 200, new Rgb24(200, 30, 30));
        using var small = new Image<Rgb24>(40, 30, new Rgb24(30, 200, 30));

        using var a = Image.Load(Thumbnails.Make(Png(wide), 160, "wide.png"));
        using var b = Image.Load(Thumbnails.Make(Png(small), 160, "small.png"));

        Assert.Equal((160, 80), (a.Width, a.Height));
        Assert.Equal((40, 30), (b.Width, b.Height));
    }

    [Fact]
    public void Bytes_that_are_not_an_image_fail_naming_the_result()
    {
        var e = Assert.Throws<InvalidDataException>(() => Thumbnails.Make([1, 2, 3, 4], 160, "job/x.png"));
        Assert.Contains("job/x.png", e.Message);
    }

    static byte[] Png(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}

public sealed class JobItemsQueryTests
{
    [Fact]
    public void States_parse_case_insensitively_and_empty_means_all()
    {
        Assert.Equal([ItemState.Succeeded, ItemState.Skipped], JobItemsQuery.ParseStates("Succeeded, skipped").Order());
        Assert.Equal(Enum.GetValues<ItemState>(), JobItemsQuery.ParseStates(null).Order());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("failed,1")]
    public void An_unknown_state_is_refused_by_name(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => JobItemsQuery.ParseStates(text));
        Assert.Contains(text.Split(',').Last(), e.Message);
    }
}
