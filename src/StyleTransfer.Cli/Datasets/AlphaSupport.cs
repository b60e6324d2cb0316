namespace StyleTransfer.Cli.Datasets;

/// <summary>
/// Which methods take a content/style strength (--alpha, --alpha-levels): adain blends the content's features with
/// the AdaIN target. The alpha of each output travels in its manifest line and becomes that item's adain alpha.
/// </summary>
public static class AlphaSupport
{
    /// <summary>The methods the --alpha row of <see cref="Options.MethodOptionTable"/> applies to.</summary>
    public static readonly IReadOnlySet<string> Methods =
        new HashSet<string>(Options.MethodOptionTable.Rows.Single(r => r.Name == "--alpha").Methods!, StringComparer.OrdinalIgnoreCase);

    /// <summary>A usage error when <paramref name="option"/> gave an alpha to a method that does not take one.</summary>
    public static void Check(string method, string option)
    {
        if (!Methods.Contains(method))
            throw new UsageException($"{option}: method {method} does not take a content/style strength (alpha); " +
                                     "alpha applies to feed-forward methods" + (Methods.Count == 0 ? ", and none is available yet" : $" ({string.Join(", ", Methods)})"));
    }
}
