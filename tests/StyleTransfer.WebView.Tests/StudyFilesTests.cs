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
