using System.Text.Json;
using StyleTransfer.Contracts;
using StyleTransfer.Engine;
using StyleTransfer.Engine.Methods;
using StyleTransfer.Engine.Methods.Gatys;
using StyleTransfer.Engine.Methods.Photo;
using StyleTransfer.Engine.Methods.Strotss;
using StyleTransfer.Engine.Segmentation;

namespace StyleTransfer.Grains.Tests;

/// <summary>Method settings between contracts and engine, the parameters hash, and the up-front method checks of a job.</summary>
public sealed class MethodSettingsTests : IDisposable
{
    readonly TestImages _images = new();

    public void Dispose() => _images.Dispose();

    static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public void Settings_other_than_the_defaults_round_trip_between_contract_and_engine()
    {
        var options = new StylizeOptions
        {
            Method = "photo",
            Shared = new() { Backbone = "vgg19", WeightsPath = "/w/vgg19.pth", MaxSize = 321, Iterations = 17, Seed = 5, SnapshotEvery = 3, Device = "cuda:1" },
            Gatys = new()
            {
                Scales = 3, ContentWeight = 0.5, StyleWeight = 42, TvWeight = 0.01, ContentLayers = ["layer2"], StyleLayers = ["conv1", "pixels"],
                StyleLayerWeights = [1, 2], Init = InitMode.Noise, Optimizer = OptimizerKind.Adam, LearningRate = 0.3, PreserveColor = true,
                SoftmaxStyle = true, SoftmaxTemperature = 2,
            },
            Photo = new()
            {
                Lambda = 9, Epsilon = 1e-5, StyleIterations = 11, PhotoIterations = 12, Smooth = false, SmoothRadius = 4, SmoothEpsilon = 1e-3,
                ColorWeight = 7, StartFromColorTransfer = false, Scales = 3,
                Segmentation = new() { MaxGroups = 3, Clusters = 7, MinFraction = 0.1, MergeSimilarity = 0.5, Seed = 2, Layers = ["layer3"],
                    ColorWeight = 0.5, CenterPerImage = false, PositionWeight = 0.3, AnalysisSide = 128, Iterations = 9 },
            },
            Strotss = new() { ContentWeight = 8, Scales = 2, LearningRate = 0.01, Samples = 99, StyleSamples = 98, PyramidLevels = 3, Layers = ["layer1"] },
        };
        Assert.Equal(Json(options), Json(MethodSpecMapping.ToEngine(MethodSpecMapping.ToSpec(options))));
        Assert.Equal(Json(new StylizeOptions()), Json(MethodSpecMapping.ToEngine(MethodSpecMapping.ToSpec(new StylizeOptions()))));
        Assert.Equal("auto", MethodSpecMapping.ForNode(MethodSpecMapping.ToSpec(options)).Shared.Device);

        var point = new StrotssPointPair(0.1, 0.2, 0.3, 0.4);
        Assert.Equal(point, MethodSpecMapping.ToEngine(MethodSpecMapping.ToSpec(point)));
        var maps = new LabelMapPair(new LabelMap("auto", 2, 1, [0, 4]), new LabelMap("auto", 1, 2, [4, 4]));
        var back = MethodSpecMapping.ToEngine(MethodSpecMapping.ToSpec(maps));
        Assert.Equal((2, 1), (back.Content.Width, back.Content.Height));
        Assert.Equal(new byte[] { 0, 4 }, back.Content.Labels);
        Assert.Equal(new byte[] { 4, 4 }, back.Style.Labels);
    }

    [Fact]
    public void A_bad_enum_name_in_a_spec_is_refused_naming_the_setting()
    {
        var spec = MethodSpecMapping.ToSpec(new StylizeOptions());
        var e = Assert.Throws<ArgumentException>(() => MethodSpecMapping.ToEngine(spec with { Gatys = spec.Gatys with { Optimizer = "sgd" } }));
        Assert.Equal("optimizer 'sgd' is unknown; expected lbfgs or adam", e.Message);
    }

    ResultParameters Parameters(StylizeOptions options)
    {
        var content = _images.Content("hash-content.png", 1);
        var item = new JobItemSpec("a", content, [new StyleSpec(_images.Style("hash-style.png"))], "a.png");
        return ResultParameters.Compute(item, options, ItemHashes.Of(item));
    }

    [Fact]
    public void The_parameters_hash_ignores_other_methods_settings_the_device_and_snapshots_but_not_the_methods_own()
    {
        var gatys = new StylizeOptions { Shared = new() { MaxSize = 64 } };
        var hash = Parameters(gatys).Hash;
        Assert.Equal(hash, Parameters(gatys with { Photo = new PhotoOptions { Lambda = 5 } }).Hash);
        Assert.Equal(hash, Parameters(gatys with { Strotss = new StrotssOptions { Samples = 8 } }).Hash);
        Assert.Equal(hash, Parameters(gatys with { Shared = gatys.Shared with { Device = "cpu", SnapshotEvery = 4 } }).Hash);
        Assert.NotEqual(hash, Parameters(gatys with { Gatys = new GatysOptions { StyleWeight = 5 } }).Hash);
        Assert.NotEqual(hash, Parameters(gatys with { Shared = gatys.Shared with { MaxSize = 65 } }).Hash);

        var photo = gatys with { Method = "photo" };
        Assert.NotEqual(hash, Parameters(photo).Hash);
        Assert.NotEqual(Parameters(photo).Hash, Parameters(photo with { Photo = new PhotoOptions { Lambda = 5 } }).Hash);
        Assert.Equal(Parameters(photo).Hash, Parameters(photo with { Shared = photo.Shared with { Iterations = 3 } }).Hash);
        // Photo's scales are its own: they are what its parameters record, and they change the hash.
        Assert.Contains("\"scales\":2", Parameters(photo).Json);
        Assert.Contains("\"scales\":1", Parameters(photo with { Photo = new PhotoOptions { Scales = 1 } }).Json);
        Assert.NotEqual(Parameters(photo).Hash, Parameters(photo with { Photo = new PhotoOptions { Scales = 1 } }).Hash);

        var json = Parameters(gatys with { Photo = new PhotoOptions { Lambda = 5 }, Shared = gatys.Shared with { Device = "cpu" } }).Json;
        Assert.Contains("\"styleWeight\":100", json);
        Assert.Contains("\"device\":\"auto\"", json);
        Assert.DoesNotContain("lambda", json);
    }

    [Fact]
    public void A_job_its_methods_cannot_run_is_refused_before_it_starts_naming_the_item()
    {
        var photo = MethodSpecMapping.ToSpec(new StylizeOptions { Method = "photo" });
        var blend = new JobItemSpec("blend", "/in/a.png", [new StyleSpec("/in/s.png"), new StyleSpec("/in/t.png")], "blend.png");
        var e = Assert.Throws<ArgumentException>(() => MethodChecks.Validate(new JobSpec("j", "", [blend], photo)));
        Assert.Equal("item 'blend': method photo takes exactly one style image, not 2 (only gatys, moments blend styles)", e.Message);

        var gatys = MethodSpecMapping.ToSpec(new StylizeOptions());
        MethodChecks.Validate(new JobSpec("j", "", [blend], gatys));
        var preserve = gatys with { Method = "photo", Gatys = gatys.Gatys with { PreserveColor = true } };
        var single = blend with { Styles = [new StyleSpec("/in/s.png")] };
        Assert.Contains("PreserveColor true", Assert.Throws<ArgumentException>(() =>
            MethodChecks.Validate(new JobSpec("j", "", [single], preserve))).Message);
        Assert.StartsWith("job 'j': method 'cyclegan' is unknown", Assert.Throws<ArgumentException>(() =>
            MethodChecks.Validate(new JobSpec("j", "", [single], gatys with { Method = "cyclegan" }))).Message);
    }
}
