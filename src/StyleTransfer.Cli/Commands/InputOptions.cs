using System.CommandLine;

namespace StyleTransfer.Cli.Commands;

/// <summary>Options shared by the <c>batch</c> and <c>image</c> commands.</summary>
public static class InputOptions
{
    public static Option<string[]> Style(string description) => new("--style", "-s")
    {
        Description = description,
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        HelpName = "image[=weight]",
    };
}
