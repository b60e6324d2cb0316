namespace StyleTransfer.Deploy.Tests;

/// <summary>Paths in the repository (see <see cref="RepoRoot"/>).</summary>
static class RepoPaths
{
    public static string Root => RepoRoot.Path;

    public static string Chart => Combine("helm", "styletransfer");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
