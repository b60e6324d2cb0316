using System.CommandLine;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// The method's command-line options, generated from <see cref="MethodOptionTable"/>: one option per row, with the
/// engine's default. <see cref="Bind"/> refuses an option given for a method it does not apply to, writes the
/// given options to the engine's <see cref="StylizeOptions"/> and validates them with the chosen method, reporting
/// the offending option by name.
/// </summary>
public sealed class MethodOptions
{
    public static IReadOnlyList<string> Methods => MethodRegistry.Names;
    static readonly StylizeOptions Defaults = new();
    static readonly Dictionary<string, MethodOption> RowsByName = MethodOptionTable.Rows.ToDictionary(r => r.Name, StringComparer.Ordinal);

    readonly Dictionary<MethodOption, Option> _options = MethodOptionTable.Rows.ToDictionary(r => r, r => r.CreateOption());

    /// <summary>This instance's command-line option for the row named <paramref name="name"/> (e.g. "--size").</summary>
    public Option this[string name] => _options[RowsByName[name]];

    public Option<T> Get<T>(string name) => (Option<T>)this[name];

    public Option<string> Method => Get<string>("--method");
    public Option<string> Device => Get<string>("--device");
    public Option<int> Seed => Get<int>("--seed");
    public Option<int> Size => Get<int>("--size");
    public Option<double> Alpha => Get<double>("--alpha");

    public IEnumerable<Option> All => MethodOptionTable.Rows.Select(r => _options[r]);

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>Whether the option (e.g. "--photo-lambda") changes what <paramref name="method"/> does.</summary>
    public static bool AppliesTo(string option, string method) =>
        !RowsByName.TryGetValue(option, out var row) || row.AppliesTo(method);

    /// <summary>The options as given, validated; throws <see cref="UsageException"/> naming the option.</summary>
    public StylizeOptions Bind(ParseResult result)
    {
        var methodRow = RowsByName["--method"];
        var options = methodRow.Apply(Defaults, result, _options[methodRow]);
        var given = MethodOptionTable.Rows.Where(r => r != methodRow && result.GetResult(_options[r]) is { Implicit: false }).ToList();
        foreach (var row in given.Where(r => !r.AppliesTo(options.Method)))
            throw new UsageException(row.NotApplicable(options.Method));
        foreach (var row in given) options = row.Apply(options, result, _options[row]);

        var backbone = options.Shared.Backbone;
        if (backbone.StartsWith("vgg", StringComparison.Ordinal) && options.Shared.WeightsPath is null)
            throw new UsageException($"--backbone {backbone}: needs --weights <torchvision {backbone} state dict .pth>");
        Validate(options);
        return options;
    }

    /// <summary>Runs the method's validation and names the option its message is about.</summary>
    public static void Validate(StylizeOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{OptionOf(e.Message, options.Method)}: {e.Message}");
        }
    }

    // The engine's messages start with the setting in words ("size 0 is out of range ..."); several methods word
    // their own settings alike ("content weight": --content-weight for gatys and photo, --strotss-content-weight
    // for strotss), so only the rows that apply to the method are candidates. A message about several settings
    // ("content and style weights ...") names every row that claims it.
    static string OptionOf(string message, string method)
    {
        var matches = MethodOptionTable.Rows.Where(r => r.AppliesTo(method)).Select(r => (Row: r, Length: r.MatchLength(message)))
            .Where(m => m.Length > 0).ToList();
        if (matches.Count == 0) return "method options";
        var longest = matches.Max(m => m.Length);
        return string.Join("/", matches.Where(m => m.Length == longest).Select(m => m.Row.Name));
    }
}
