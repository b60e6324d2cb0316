using System.CommandLine;
using StyleTransfer.Cli.Options;
using StyleTransfer.Engine.Methods;

namespace StyleTransfer.Cli.Inputs;

/// <summary>
/// A study condition's method options: the study command's method options as given (those that apply to the
/// condition's method: a study may compare methods), overridden by the condition's own <c>option=value</c> pairs,
/// parsed and validated by the same <see cref="MethodOptions"/> as every other command (so a bad value gives the
/// same message, prefixed with the condition; a condition's own option that does not apply to its method is refused).
/// </summary>
public static class ConditionOptions
{
    /// <summary>Options a condition may not set: its method is in its syntax, the device is the study's.</summary>
    static readonly string[] Reserved = ["method", "device"];

    public static StylizeOptions Bind(ConditionArgument condition, ParseResult study, IEnumerable<Option> studyMethodOptions)
    {
        var methodOptions = new MethodOptions();
        var known = methodOptions.All.ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        foreach (var (key, _) in condition.Options)
        {
            if (Reserved.Contains(key))
                throw new UsageException($"--condition {condition.Name}: '{key}' cannot be set per condition ({(key == "method" ? "it follows the name: name=method:…" : "--device applies to the whole study")})");
            if (!known.ContainsKey(key))
                throw new UsageException($"--condition {condition.Name}: unknown option '{key}'; method options: {string.Join(", ", known.Keys.Where(k => !Reserved.Contains(k)))}");
        }

        var own = condition.Options.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var args = new List<string> { "--method", condition.Method };
        foreach (var option in studyMethodOptions)
        {
            if (own.Contains(option.Name.TrimStart('-')) || study.GetResult(option) is not { Implicit: false } given
                || !MethodOptions.AppliesTo(option.Name, condition.Method)) continue;
            args.Add(option.Name);
            args.AddRange(given.Tokens.Select(t => t.Value));
        }
        foreach (var (key, value) in condition.Options)
        {
            args.Add("--" + key);
            if (value is not null) args.Add(value);
        }

        var command = new RootCommand();
        methodOptions.AddTo(command);
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0) throw new UsageException($"--condition {condition.Name}: {parsed.Errors[0].Message}");
        try
        {
            return methodOptions.Bind(parsed);
        }
        catch (UsageException e)
        {
            throw new UsageException($"--condition {condition.Name}: {e.Message}");
        }
    }

    public static ISet<string> BooleanOptionNames() =>
        new MethodOptions().All.Where(o => o.ValueType == typeof(bool)).Select(o => o.Name.TrimStart('-')).ToHashSet(StringComparer.Ordinal);
}
