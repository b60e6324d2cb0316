using System.Globalization;

namespace StyleTransfer.Cli.Inputs;

/// <summary>A <c>--style</c> value: an image path with an optional blend weight, <c>path[=weight]</c> (default 1).</summary>
public sealed record StyleArgument(string Path, double Weight)
{
    /// <summary>
    /// Splits at the last '=' when what follows is a number (so paths containing '=' still work); checks the file
    /// exists and the weight is positive. Returns an absolute path.
    /// </summary>
    public static StyleArgument Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException("--style: empty value; expected <image>[=weight]");
        var path = text;
        double weight = 1.0;
        int eq = text.LastIndexOf('=');
        if (eq > 0 && eq < text.Length - 1 && !File.Exists(text))
        {
            var suffix = text[(eq + 1)..];
            if (double.TryParse(suffix, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                path = text[..eq];
                weight = parsed;
                if (!double.IsFinite(weight) || weight <= 0)
                    throw new UsageException($"--style {text}: weight {suffix} must be a positive number");
            }
            else if (File.Exists(text[..eq]))
                throw new UsageException($"--style {text}: weight '{suffix}' is not a number");
        }
        if (!File.Exists(path))
            throw new UsageException(Directory.Exists(path)
                ? $"--style {path}: is a folder; give one style image per --style"
                : $"--style {path}: no such file");
        return new StyleArgument(System.IO.Path.GetFullPath(path), weight);
    }
}
