using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StyleTransfer.Deploy.Tests;

/// <summary>The Kubernetes objects of a helm template output, as YAML mappings.</summary>
public sealed class Manifests
{
    Manifests(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public IEnumerable<string> Kinds => Objects.Select(o => o.Str("kind"));

    public static Manifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        // Documents that hold only comments (a template rendered to nothing) have no mapping root.
        return new Manifests(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList());
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public YamlMappingNode Single(string kind) => Assert.Single(OfKind(kind));

    public YamlMappingNode Deployment => Single("Deployment");

    public YamlMappingNode PodSpec => Deployment.Map("spec", "template", "spec");

    public IReadOnlyDictionary<string, string> PodLabels => Deployment.StringMap("spec", "template", "metadata", "labels");

    public YamlMappingNode Silo => Assert.Single(PodSpec.Seq("containers").Cast<YamlMappingNode>(), c => c.Str("name") == "silo");

    /// <summary>The silo container's environment variables by name (each an EnvVar mapping).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Env =>
        Silo.Seq("env").Cast<YamlMappingNode>().ToDictionary(e => e.Str("name"));

    /// <summary>The literal value of an environment variable (fails if it has none, e.g. it comes from valueFrom).</summary>
    public string EnvValue(string name)
    {
        Assert.True(Env.TryGetValue(name, out var variable), $"no environment variable {name} in the silo container");
        return variable.Str("value");
    }
}

/// <summary>Navigation in YamlDotNet's representation model with failures that name the missing path.</summary>
public static class YamlNodes
{
    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    public static YamlNode Get(this YamlNode node, params string[] path) =>
        node.Find(path) ?? throw new Xunit.Sdk.XunitException($"no '{string.Join(".", path)}' in:\n{Describe(node)}");

    public static YamlMappingNode Map(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"'{string.Join(".", path)}' is not a mapping");

    public static YamlSequenceNode Seq(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlSequenceNode ?? throw new Xunit.Sdk.XunitException($"'{string.Join(".", path)}' is not a sequence");

    public static string Str(this YamlNode node, params string[] path) =>
        (node.Get(path) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"'{string.Join(".", path)}' is not a scalar");

    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode node, params string[] path) =>
        node.Map(path).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "");

    public static IEnumerable<string> Strings(this YamlNode node, params string[] path) =>
        node.Seq(path).Select(n => ((YamlScalarNode)n).Value ?? "");

    static string Describe(YamlNode node)
    {
        var text = node.ToString();
        return text.Length > 2000 ? text[..2000] + "..." : text;
    }

    /// <summary>Parses a YAML file with merge keys (&lt;&lt;: *anchor) resolved, as Docker Compose reads it.</summary>
    public static YamlMappingNode LoadWithMerges(string path)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(File.ReadAllText(path)))));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }
}
