using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Options;

/// <summary>
/// One method option as a row of <see cref="MethodOptionTable"/>: its name, help, the methods it applies to (null:
/// all), an optional range, the engine messages that are about it, and how it reads from and writes to the engine's
/// <see cref="StylizeOptions"/>. <see cref="MethodOptions"/> generates the command-line option, its help, the
/// applicability check, the binding and the message attribution from the rows.
/// </summary>
public abstract record MethodOption
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public string? HelpName { get; init; }

    /// <summary>The methods (<see cref="MethodRegistry"/> names) the option changes; null when it applies to every method.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Per method it does not apply to, that method's own option for the same setting (photo: --photo-scales for --scales).</summary>
    public IReadOnlyDictionary<string, string> InsteadFor { get; init; } = new Dictionary<string, string>();

    /// <summary>Inclusive bounds of a numeric option, checked when binding and shown in the help.</summary>
    public (double Min, double Max)? Range { get; init; }

    /// <summary>Patterns (regular expressions) that start the engine's validation messages about this option.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    public bool AppliesTo(string method) => Methods is null || Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    /// <summary>The usage error for giving this option with a method it does not apply to.</summary>
    public string NotApplicable(string method) =>
        $"{Name}: does not apply to --method {method} (it applies to {string.Join(", ", Methods!)})"
        + (InsteadFor.TryGetValue(method, out var own) ? $"; {method} takes {own}" : "");

    /// <summary>The engine's default for this option, as the command line reads it.</summary>
    public abstract object? EngineDefault { get; }

    /// <summary>A new command-line option for this row (an option belongs to the command it is added to).</summary>
    public abstract Option CreateOption();

    /// <summary>The option's value in <paramref name="result"/> written to <paramref name="options"/>, range-checked.</summary>
    public abstract StylizeOptions Apply(StylizeOptions options, ParseResult result, Option option);

    /// <summary>Whether the message (an engine validation message) starts with one of <see cref="Messages"/>; the length matched.</summary>
    public int MatchLength(string message) => Messages
        .Select(p => Regex.Match(message, $"^(?:{p}) ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        .Where(m => m.Success).Select(m => m.Length).DefaultIfEmpty(0).Max();

    protected string HelpText()
    {
        var notes = new List<string>();
        if (Range is { } r) notes.Add($"{Format(r.Min)}..{Format(r.Max)}");
        if (Methods is not null) notes.Add($"applies to {string.Join(", ", Methods)}");
        return notes.Count == 0 ? Description : $"{Description} ({string.Join("; ", notes)})";
    }

    protected static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="MethodOption"/> whose command-line value is a <typeparamref name="T"/>.</summary>
public sealed record MethodOption<T> : MethodOption
{
    static readonly StylizeOptions Defaults = new();

    /// <summary>The engine setting as a command-line value (the option's default is <c>Get(new StylizeOptions())</c>).</summary>
    public required Func<StylizeOptions, T> Get { get; init; }

    /// <summary>Writes a command-line value to the engine settings; may throw <see cref="UsageException"/> for a bad value.</summary>
    public required Func<StylizeOptions, T, StylizeOptions> Set { get; init; }

    /// <summary>Accepted values of a string option, if it takes only some.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public override object? EngineDefault => Get(Defaults);

    public override Option CreateOption()
    {
        var option = new Option<T>(Name) { Description = HelpText(), HelpName = HelpName };
        var fallback = Get(Defaults);
        // A default worth showing in the help; null and false read the same without one.
        if (fallback is not null && fallback is not false) option.DefaultValueFactory = _ => fallback;
        if (Choices is not null) option.AcceptOnlyFromAmong([.. Choices]);
        // Numbers are read leniently; Apply reports a value that is not a finite number against its option.
        if (option is Option<double> number)
            number.CustomParser = r => double.TryParse(r.Tokens.Count == 1 ? r.Tokens[0].Value : "",
                NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        return option;
    }

    public override StylizeOptions Apply(StylizeOptions options, ParseResult result, Option option)
    {
        var value = result.GetValue((Option<T>)option)!;
        if (value is double d && !double.IsFinite(d))
            throw new UsageException($"{Name} {Given(result, option)}: not a finite number");
        if (Range is { } range && value is int or double)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (number < range.Min || number > range.Max)
                throw new UsageException($"{Name}: {Format(number)} is out of range ({Format(range.Min)}..{Format(range.Max)})");
        }
        return Set(options, value);
    }

    static string Given(ParseResult result, Option option) =>
        string.Join(" ", result.GetResult(option)?.Tokens.Select(t => t.Value) ?? []);
}
