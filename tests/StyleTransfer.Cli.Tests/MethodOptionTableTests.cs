using System.CommandLine;
using System.Globalization;
using StyleTransfer.Cli.Options;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Tests;

/// <summary>Walks <see cref="MethodOptionTable"/>: each row is an option of the method commands, defaults to the engine's
/// setting, writes it back unchanged, and is either taken or refused by name for every method.</summary>
public sealed class MethodOptionTableTests : IDisposable
{
    readonly TempFolder _dir = new();
    readonly string _file;

    public MethodOptionTableTests() => _file = _dir.File("model.bin", "x");

    public void Dispose() => _dir.Dispose();

    static IEnumerable<MethodOption> Rows => MethodOptionTable.Rows;
    static IEnumerable<MethodOption> Settings => Rows.Where(r => r.Name != "--method");

    [Theory]
    [InlineData("image")]
    [InlineData("batch")]
    [InlineData("submit")]
    [InlineData("dataset")]
    [InlineData("study", "create")]
    public void Every_row_is_an_option_of_the_method_commands(params string[] path)
    {
        Command command = CliApp.Build();
        foreach (var name in path) command = command.Subcommands.Single(c => c.Name == name);
        var names = command.Options.Select(o => o.Name).ToHashSet();

        // A study's conditions name their method; its seed is the study's own.
        var expected = path[0] == "study" ? Rows.Where(r => r.Name is not ("--method" or "--seed")) : Rows;
        Assert.All(expected, row => Assert.Contains(row.Name, names));
    }

    [Fact]
    public void Every_row_defaults_to_the_engine_setting()
    {
        var options = new MethodOptions();
        var parse = Parse(options);
        var engine = new StylizeOptions();

        Assert.Equal(Rows.Count(), options.All.Count());
        Assert.Equal(engine.Shared.MaxSize, parse.GetValue(options.Size));
        foreach (var row in Rows)
            Assert.True(Equals(row.EngineDefault, ValueOf(parse, options[row.Name])), $"{row.Name}: {ValueOf(parse, options[row.Name])} vs the engine's {row.EngineDefault}");
    }

    [Fact]
    public void Every_row_either_applies_or_is_refused_naming_the_methods_it_applies_to()
    {
        foreach (var method in MethodRegistry.Names)
        {
            var unchanged = Bind(Base(method));
            Assert.Equal(method, unchanged.Method);
            foreach (var row in Settings)
            {
                string[] args = [.. Base(method), row.Name, SampleValue(row)];
                if (!row.AppliesTo(method))
                {
                    var refused = Assert.Throws<UsageException>(() => Bind(args));
                    Assert.StartsWith($"{row.Name}: does not apply to --method {method} (it applies to {string.Join(", ", row.Methods!)})", refused.Message);
                    Assert.Equal(row.NotApplicable(method), refused.Message);
                    // A pointer to the method's own option names an option that applies to it.
                    if (row.InsteadFor.TryGetValue(method, out var own))
                        Assert.All(own.Split(" and "), name => Assert.True(Settings.Single(r => r.Name == name).AppliesTo(method), name));
                }
                else if (row.EngineDefault is not null)
                    // The engine's own default, given explicitly, binds to the same settings: the setter inverts the getter.
                    Assert.True(unchanged == Bind(args), $"{row.Name} {SampleValue(row)} under {method} changed the settings");
                else
                {
                    var error = Record.Exception(() => Bind(args));
                    Assert.True(error is null || !error.Message.Contains("does not apply"), $"{row.Name} under {method}: {error?.Message}");
                }
            }
        }
    }

    [Fact]
    public void A_row_with_a_range_takes_its_bounds_and_refuses_beyond_them()
    {
        foreach (var row in Rows.Where(r => r.Range is not null))
        {
            var method = row.Methods?[0] ?? "gatys";
            var (min, max) = row.Range!.Value;
            Bind([.. Base(method), row.Name, Text(min)]);
            Bind([.. Base(method), row.Name, Text(max)]);
            foreach (var beyond in new[] { min - 1, max + 1 })
            {
                var error = Assert.Throws<UsageException>(() => Bind([.. Base(method), row.Name, Text(beyond)]));
                Assert.Equal($"{row.Name}: {Text(beyond)} is out of range ({Text(min)}..{Text(max)})", error.Message);
            }
        }
    }

    [Fact]
    public void An_engine_message_is_reported_against_the_row_that_claims_it_for_the_method()
    {
        var weights = Assert.Throws<UsageException>(() => Bind(["--content-weight", "0", "--style-weight", "0"]));
        Assert.StartsWith("--content-weight/--style-weight: content and style weights are both zero", weights.Message);
        var strotss = Assert.Throws<UsageException>(() => Bind(["--method", "strotss", "--strotss-content-weight", "-1"]));
        Assert.StartsWith("--strotss-content-weight: content weight -1", strotss.Message);
        var scales = Assert.Throws<UsageException>(() => Bind(["--size", "64", "--scales", "4"]));
        Assert.StartsWith("--size/--scales: 4 scales from 64 px", scales.Message);
        // Photo's scales are its own option, with its own default of 2: a size too small for them names that option.
        var photo = Assert.Throws<UsageException>(() => Bind(["--method", "photo", "--size", "24"]));
        Assert.StartsWith("--size/--photo-scales: 2 scales from 24 px", photo.Message);
    }

    [Fact]
    public void Photo_takes_its_scales_from_photo_scales_and_refuses_the_gatys_scales_option()
    {
        Assert.Equal(2, Bind(["--method", "photo"]).Photo.Scales);
        Assert.Equal(1, Bind(["--method", "photo", "--photo-scales", "1"]).Photo.Scales);
        var error = Assert.Throws<UsageException>(() => Bind(["--method", "photo", "--scales", "2"]));
        Assert.Equal("--scales: does not apply to --method photo (it applies to gatys, moments); photo takes --photo-scales", error.Message);
    }

    string[] Base(string method) => method is "fast" or "adain" ? ["--method", method, "--model", _file] : ["--method", method];

    string SampleValue(MethodOption row) => row.EngineDefault switch
    {
        null => row.Name is "--weights" or "--model" ? _file : row.Name == "--style-layer-weights" ? "1" : "conv1",
        double d => Text(d),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant(),
    };

    static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    static ParseResult Parse(MethodOptions options, params string[] args)
    {
        var command = new RootCommand();
        options.AddTo(command);
        return command.Parse(args);
    }

    static StylizeOptions Bind(string[] args)
    {
        var options = new MethodOptions();
        var parse = Parse(options, args);
        Assert.Empty(parse.Errors);
        return options.Bind(parse);
    }

    static object? ValueOf(ParseResult parse, Option option) => option switch
    {
        Option<int> o => parse.GetValue(o),
        Option<double> o => parse.GetValue(o),
        Option<bool> o => parse.GetValue(o),
        Option<string> o => parse.GetValue(o),
        _ => throw new InvalidOperationException($"{option.Name}: no reader for {option.ValueType}"),
    };
}
