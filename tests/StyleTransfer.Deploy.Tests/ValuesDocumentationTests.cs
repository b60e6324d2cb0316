using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StyleTransfer.Deploy.Tests;

/// <summary>
/// Every value of helm/styletransfer/values.yaml is documented: the README's value table names it (or a parent that is
/// documented as a whole, such as resources), and values.yaml has a comment right above it.
/// </summary>
public sealed class ValuesDocumentationTests
{
    static readonly string ValuesPath = Path.Combine(RepoPaths.Chart, "values.yaml");
    static readonly string[] ValuesLines = File.ReadAllLines(ValuesPath);

    /// <summary>`path` in the first column of the README's value table.</summary>
    static readonly HashSet<string> Documented = File.ReadAllLines(Path.Combine(RepoPaths.Chart, "README.md"))
        .Select(line => Regex.Match(line, @"^\| `([A-Za-z0-9_.]+)` \|"))
        .Where(m => m.Success)
        .Select(m => m.Groups[1].Value)
        .ToHashSet();

    /// <summary>Every mapping key of values.yaml by dotted path, with its 0-based line (sequences are values, not walked into).</summary>
    static Dictionary<string, int> Keys()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(string.Join('\n', ValuesLines)));
        var keys = new Dictionary<string, int>();
        Walk((YamlMappingNode)stream.Documents[0].RootNode, "");
        return keys;

        void Walk(YamlMappingNode map, string prefix)
        {
            foreach (var (key, value) in map.Children)
            {
                var path = prefix + ((YamlScalarNode)key).Value;
                keys[path] = (int)key.Start.Line - 1;
                if (value is YamlMappingNode child) Walk(child, path + ".");
            }
        }
    }

    [Fact]
    public void Readme_table_is_not_empty() => Assert.True(Documented.Count > 30, $"only {Documented.Count} values in the README table");

    [Fact]
    public void Every_value_is_in_the_readme_or_under_a_documented_parent()
    {
        // A key is covered when the table names it, a parent documented as a whole, or (for a group such as image)
        // its documented children.
        var undocumented = Keys().Keys.Where(path => !Documented.Contains(path)
            && !Documented.Any(d => path.StartsWith(d + ".", StringComparison.Ordinal) || d.StartsWith(path + ".", StringComparison.Ordinal)));
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_value_the_readme_documents_exists()
    {
        var keys = Keys();
        Assert.DoesNotContain(Documented, path => !keys.ContainsKey(path));
    }

    [Fact]
    public void Every_documented_value_has_a_comment_right_above_it_in_values_yaml()
    {
        var keys = Keys();
        var uncommented = Documented.Where(keys.ContainsKey)
            .Where(path => keys[path] == 0 || !ValuesLines[keys[path] - 1].TrimStart().StartsWith('#'))
            .ToList();
        Assert.Empty(uncommented);
    }
}
