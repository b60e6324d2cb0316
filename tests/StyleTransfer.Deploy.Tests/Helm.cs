using System.Diagnostics;

namespace StyleTransfer.Deploy.Tests;

public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the real helm binary: &lt;repo&gt;/.tools/helm/helm (scripts/helm.sh install), else helm on PATH. A missing
/// helm fails the tests with the command that installs it; they are never skipped.
/// </summary>
static class Helm
{
    public const string Release = "st";
    public const string Namespace = "ns";

    /// <summary>Azurite's connection string as the compose file uses it: ';', '=' and '/' must reach the Secret intact.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://azurite:10000/devstoreaccount1;TableEndpoint=http://azurite:10002/devstoreaccount1;";

    static readonly Lazy<string> Executable = new(Locate);

    // helm keeps caches and repository settings under these; a folder of its own keeps the tests off the user's.
    static readonly string HelmHome = Path.Combine(Path.GetTempPath(), "styletransfer-deploy-tests-helm");

    public static ProcessResult Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(HelmHome, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(HelmHome, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(HelmHome, "data");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable.Value}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', args)} did not finish within 60 s");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>helm template of the chart as release <see cref="Release"/> in <see cref="Namespace"/>, with extra arguments.</summary>
    public static ProcessResult Template(params string[] args) =>
        Run(["template", Release, RepoPaths.Chart, "--namespace", Namespace, .. args]);

    /// <summary>Renders with the given arguments and parses the manifests; a failing render fails the test with helm's message.</summary>
    public static Manifests Render(params string[] args)
    {
        var result = Template(args);
        Assert.True(result.ExitCode == 0, $"helm template {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.StdErr}");
        return Manifests.Parse(result.StdOut);
    }

    /// <summary><see cref="Render"/> with a connection string for the chart-created storage Secret.</summary>
    public static Manifests RenderWithStorage(params string[] args) =>
        Render(["--set-literal", $"storage.connectionString={ConnectionString}", .. args]);

    static string Locate()
    {
        var local = RepoPaths.Combine(".tools", "helm", "helm");
        if (File.Exists(local)) return local;
        var name = OperatingSystem.IsWindows() ? "helm.exe" : "helm";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"helm not found: neither {local} nor helm on PATH. Run scripts/helm.sh install (it puts helm in .tools/helm).");
    }
}
