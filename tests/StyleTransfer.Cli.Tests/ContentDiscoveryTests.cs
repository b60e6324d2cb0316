using StyleTransfer.Cli.Inputs;

namespace StyleTransfer.Cli.Tests;

public sealed class ContentDiscoveryTests
{
    [Fact]
    public void Folder_lists_supported_images_sorted_without_hidden_files_or_subfolders()
    {
        using var dir = new TempFolder();
        dir.File("b.png"); dir.File("a.JPG"); dir.File("c.webp"); dir.File("notes.txt"); dir.File("model.pth");
        dir.File(".hidden.png"); dir.File("sub/d.png");

        var images = ContentDiscovery.Discover(dir.Path, recursive: false);

        Assert.Equal(["a.JPG", "b.png", "c.webp"], images.Select(i => i.DisplayPath));
        Assert.All(images, i => Assert.True(Path.IsPathRooted(i.FullPath)));
    }

    [Fact]
    public void Recursive_includes_subfolders_but_not_hidden_ones()
    {
        using var dir = new TempFolder();
        dir.File("a.png"); dir.File("sub/b.png"); dir.File("sub/deeper/c.jpg"); dir.File(".git/d.png"); dir.File("sub/.e.png");

        var images = ContentDiscovery.Discover(dir.Path, recursive: true);

        Assert.Equal(["a.png", "sub/b.png", "sub/deeper/c.jpg"], images.Select(i => i.DisplayPath));
    }

    [Fact]
    public void List_file_skips_comments_and_blanks_and_resolves_paths_against_its_own_folder()
    {
        using var dir = new TempFolder();
        dir.File("photos/a.png");
        var list = dir.File("lists/set.txt", """
            # holiday photos
            ../photos/a.png

              ../photos/missing.png
            notes.txt
            ../photos/a.png
            """);

        var images = ContentDiscovery.Discover(list, recursive: false);

        // Missing or unsupported entries stay: they become items that fail with their reason.
        Assert.Equal(["../photos/a.png", "../photos/missing.png", "notes.txt"], images.Select(i => i.DisplayPath));
        Assert.Equal(dir["photos/a.png"], images[0].FullPath);
        Assert.Equal(dir["photos/missing.png"], images[1].FullPath);
        Assert.Equal(dir["lists/notes.txt"], images[2].FullPath);
    }

    [Fact]
    public void A_single_image_file_is_its_own_batch()
    {
        using var dir = new TempFolder();
        var image = dir.File("one.png");
        Assert.Equal([image], ContentDiscovery.Discover(image, false).Select(i => i.FullPath));
    }

    [Fact]
    public void Missing_path_empty_folder_and_empty_list_are_usage_errors_naming_the_input()
    {
        using var dir = new TempFolder();
        var missing = Assert.Throws<UsageException>(() => ContentDiscovery.Discover(dir["nope"], false));
        Assert.Contains(dir["nope"], missing.Message);
        Assert.Contains("no such file or folder", missing.Message);

        dir.File("empty/readme.txt");
        var empty = Assert.Throws<UsageException>(() => ContentDiscovery.Discover(dir["empty"], false));
        Assert.Contains("no images found", empty.Message);

        var list = dir.File("list.txt", "# nothing\n\n");
        var none = Assert.Throws<UsageException>(() => ContentDiscovery.Discover(list, false));
        Assert.Contains("names no images", none.Message);
    }
}
