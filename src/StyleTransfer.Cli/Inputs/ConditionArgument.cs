using System.Text.RegularExpressions;

namespace StyleTransfer.Cli.Inputs;

/// <summary>
/// <c>--condition name=method[:option=value,…]</c>: a named method setting of a study, e.g.
/// <c>gatys-lo=gatys:style-weight=10</c> or <c>soft=gatys:softmax,style-layers=layer1,layer2</c>. Options are the
/// method options without "--"; a boolean option may stand alone; a part without '=' that is not a boolean option
/// continues the previous value (so list values keep their commas).
/// </summary>
public sealed partial record ConditionArgument(string Raw, string Name, string Method, IReadOnlyList<KeyValuePair<string, string?>> Options)
{
    public static ConditionArgument Parse(string raw, ISet<string> booleanOptions)
    {
        var text = raw.Trim();
        int equals = text.IndexOf('=');
        if (equals <= 0) throw new UsageException($"--condition {raw}: expected name=method[:option=value,…], e.g. gatys-lo=gatys:style-weight=10");
        var name = text[..equals].Trim();
        if (!NamePattern().IsMatch(name))
            throw new UsageException($"--condition {raw}: the name '{name}' must be letters, digits, '.', '_' or '-' (it names the output folder)");
        var rest = text[(equals + 1)..];
        int colon = rest.IndexOf(':');
        var method = (colon < 0 ? rest : rest[..colon]).Trim().ToLowerInvariant();
        if (method.Length == 0) throw new UsageException($"--condition {raw}: no method after '{name}='");
        var options = new List<KeyValuePair<string, string?>>();
        if (colon >= 0)
        {
            foreach (var part in rest[(colon + 1)..].Split(','))
            {
                var p = part.Trim();
                int eq = p.IndexOf('=');
                if (eq > 0)
                    options.Add(new(p[..eq].Trim().TrimStart('-'), p[(eq + 1)..].Trim()));
                else if (booleanOptions.Contains(p.TrimStart('-')))
                    options.Add(new(p.TrimStart('-'), null));
                else if (options.Count > 0 && options[^1].Value is { } previous && p.Length > 0)
                    options[^1] = new(options[^1].Key, previous + "," + p);
                else
                    throw new UsageException($"--condition {name}: '{p}' is not option=value");
            }
        }
        return new ConditionArgument(raw, name, method, options);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
