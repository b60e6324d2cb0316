using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;

namespace StyleTransfer.Engine.Tests.Methods;

/// <summary>The registry knows every method, and each method's rules refuse what does not apply to it.</summary>
public class MethodRegistryTests
{
    [Fact]
    public void Every_method_name_resolves_to_its_method_case_insensitively_and_unknown_names_are_refused_with_the_list()
    {
        Assert.Equal(["gatys", "photo", "strotss", "fast", "adain", "moments"], MethodRegistry.Names);
        foreach (var method in MethodRegistry.All)
        {
            Assert.Same(method, MethodRegistry.Get(method.Name));
            Assert.Same(method, MethodRegistry.Get(method.Name.ToUpperInvariant()));
            var options = new StylizeOptions { Method = method.Name };
            if (method.Name == "fast") options = options with { Fast = new() { ModelPath = "m.model" } };
            if (method.Name == "adain") options = options with { AdaIn = new() { ModelPath = "d.model" } };
            options.Validate();
        }
        var e = Assert.Throws<ArgumentException>(() => MethodRegistry.Get("cyclegan"));
        Assert.Equal("method 'cyclegan' is unknown; methods: gatys, photo, strotss, fast, adain, moments", e.Message);
    }

    [Fact]
    public void Each_method_declares_what_its_masks_mean_and_what_it_takes()
    {
        Assert.Equal(MaskMeaning.ColorLabels, MethodRegistry.Get("gatys").Masks);
        Assert.Equal(MaskMeaning.ColorLabels, MethodRegistry.Get("photo").Masks);
        Assert.Equal(MaskMeaning.Guidance, MethodRegistry.Get("strotss").Masks);
        Assert.True(MethodRegistry.Get("photo").NeedsAutomaticGroups(hasMasks: false));
        Assert.False(MethodRegistry.Get("photo").NeedsAutomaticGroups(hasMasks: true));
        Assert.False(MethodRegistry.Get("gatys").NeedsAutomaticGroups(hasMasks: false));
        Assert.Equal(["gatys", "moments"], MethodRegistry.All.Where(m => m.BlendsStyles).Select(m => m.Name));
        Assert.Equal(["strotss"], MethodRegistry.All.Where(m => m.TakesGuidancePoints).Select(m => m.Name));
    }

    [Fact]
    public void Iterations_count_every_scale_and_stage_of_the_method()
    {
        var options = new StylizeOptions
        {
            Shared = new() { Iterations = 7 }, Gatys = new() { Scales = 2 }, Photo = new() { StyleIterations = 3, PhotoIterations = 4, Scales = 2 },
            Strotss = new() { Scales = 3 },
        };
        Assert.Equal(14, (options with { Method = "gatys" }).TotalIterations());
        Assert.Equal(3 * 1 + 4, (options with { Method = "photo" }).TotalIterations()); // stage 1 on the coarser scale only
        Assert.Equal(21, (options with { Method = "strotss" }).TotalIterations());
        Assert.Equal(14, (options with { Method = "moments" }).TotalIterations());
    }

    [Fact]
    public void Settings_of_another_method_are_refused_naming_them()
    {
        var e = Assert.Throws<ArgumentException>(() => new StylizeOptions { Photo = new() { Lambda = 5 } }.Validate());
        Assert.Equal("photo settings (Lambda 5) do not apply to method gatys", e.Message);
        Assert.Contains("strotss settings (Samples 8)", Assert.Throws<ArgumentException>(() =>
            new StylizeOptions { Method = "photo", Strotss = new() { Samples = 8 } }.Validate()).Message);
        Assert.Contains("gatys settings (StyleWeight 5)", Assert.Throws<ArgumentException>(() =>
            new StylizeOptions { Method = "strotss", Gatys = new() { StyleWeight = 5 } }.Validate()).Message);
    }

    [Fact]
    public void Colour_preservation_and_iterations_are_refused_by_photo_which_reads_neither_and_moments_refuses_colour_preservation()
    {
        var preserve = new StylizeOptions { Method = "photo", Gatys = new() { PreserveColor = true } };
        Assert.Equal("gatys settings (PreserveColor true) do not apply to method photo", Assert.Throws<ArgumentException>(preserve.Validate).Message);
        var iterations = new StylizeOptions { Method = "photo", Shared = new() { Iterations = 50 } };
        Assert.Contains("shared settings (Iterations 50) do not apply to method photo", Assert.Throws<ArgumentException>(iterations.Validate).Message);
        new StylizeOptions { Gatys = new() { PreserveColor = true } }.Validate();
        Assert.Equal("colour preservation does not apply to method moments", Assert.Throws<ArgumentException>(
            (preserve with { Method = "moments" }).Validate).Message);
    }

    [Theory]
    [InlineData("photo", 2, false, 0, "method photo takes exactly one style image, not 2 (only gatys, moments blend styles)")]
    [InlineData("strotss", 3, false, 0, "method strotss takes exactly one style image, not 3 (only gatys, moments blend styles)")]
    [InlineData("gatys", 2, true, 0, "semantic masks need exactly one style image")]
    [InlineData("gatys", 1, false, 2, "guidance points do not apply to method gatys (only to strotss)")]
    [InlineData("photo", 1, false, 1, "guidance points do not apply to method photo (only to strotss)")]
    [InlineData("moments", 1, true, 0, "method moments takes no masks")]
    public void Requests_a_method_cannot_run_are_refused_before_any_work(string method, int styles, bool masks, int points, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            MethodRegistry.Get(method).Validate(new StylizeOptions { Method = method }, new RequestShape(styles, masks, points)));
        Assert.Equal(expected, e.Message);
        MethodRegistry.Get("gatys").Validate(new StylizeOptions(), new RequestShape(2, false));
        MethodRegistry.Get("strotss").Validate(new StylizeOptions { Method = "strotss" }, new RequestShape(1, true, 2));
    }

    [Fact]
    public void Relevant_options_keep_the_methods_own_records_and_reset_the_others_the_device_and_snapshots()
    {
        var options = new StylizeOptions
        {
            Shared = new() { MaxSize = 300, Device = "cuda:1", SnapshotEvery = 5 }, Gatys = new() { StyleWeight = 7 },
            Photo = new() { Lambda = 3 }, Strotss = new() { Samples = 9 },
        };
        var gatys = MethodRegistry.Get("gatys").Relevant(options);
        Assert.Equal((300, "auto", 0), (gatys.Shared.MaxSize, gatys.Shared.Device, gatys.Shared.SnapshotEvery));
        Assert.Equal(7, gatys.Gatys.StyleWeight);
        Assert.Equal(new PhotoOptions().Lambda, gatys.Photo.Lambda);
        Assert.Equal(new StrotssOptions().Samples, gatys.Strotss.Samples);

        var photo = MethodRegistry.Get("photo").Relevant(options with { Method = "photo" });
        Assert.Equal((7, 3.0), (photo.Gatys.StyleWeight, photo.Photo.Lambda));
        var strotss = MethodRegistry.Get("strotss").Relevant(options with { Method = "strotss" });
        Assert.Equal((new GatysOptions().StyleWeight, 9), (strotss.Gatys.StyleWeight, strotss.Strotss.Samples));
    }
}
