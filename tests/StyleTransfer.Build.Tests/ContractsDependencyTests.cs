using System.Xml.Linq;
using StyleTransfer.Contracts;

namespace StyleTransfer.Build.Tests;

/// <summary>Grain interfaces and contracts depend on the Orleans SDK only: clients and durable state pull in no engine.</summary>
public sealed class ContractsDependencyTests
{
    static readonly string[] Forbidden = ["StyleTransfer.Engine", "TorchSharp", "SixLabors", "Microsoft.ML", "StyleTransfer.Grains"];

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StyleTransfer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no StyleTransfer.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void The_contracts_project_references_no_project_and_only_the_orleans_sdk()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "StyleTransfer.Contracts", "StyleTransfer.Contracts.csproj"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Equal(["Microsoft.Orleans.Sdk"], project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!));
    }

    [Fact]
    public void The_contracts_assembly_references_no_engine_assembly()
    {
        var references = typeof(MethodSpec).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains(references, r => r.StartsWith("Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }
}
