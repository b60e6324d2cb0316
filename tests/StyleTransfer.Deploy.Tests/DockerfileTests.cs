using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StyleTransfer.Deploy.Tests;

/// <summary>
/// Static checks of deploy/Dockerfile, deploy/Dockerfile.cuda, deploy/publish.sh and .dockerignore against the
/// repository (no Docker daemon is needed or used): what they copy and publish exists, and the images run the silo
/// as a non-root user with the documented ports.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Dockerfiles => new()
    {
        { "Dockerfile", "cpu" },
        { "Dockerfile.cuda", "cuda" },
    };

    sealed record Instruction(string Name, string Arguments);

    /// <summary>Instructions of a Dockerfile, with line continuations joined and comments dropped.</summary>
    static List<Instruction> Parse(string file)
    {
        var instructions = new List<Instruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(RepoPaths.Combine("deploy", file)))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ');
            instructions.Add(new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }
        return instructions;
    }

    /// <summary>Default values of the ARGs declared before the first FROM.</summary>
    static Dictionary<string, string> GlobalArgs(List<Instruction> instructions) =>
        instructions.TakeWhile(i => i.Name != "FROM").Where(i => i.Name == "ARG" && i.Arguments.Contains('='))
            .ToDictionary(i => i.Arguments[..i.Arguments.IndexOf('=')], i => i.Arguments[(i.Arguments.IndexOf('=') + 1)..]);

    static string ResolveImage(string from, Dictionary<string, string> args) =>
        Regex.Replace(from.Split(' ')[0], @"\$\{(\w+)\}", m => args[m.Groups[1].Value]);

    static List<Instruction> FinalStage(List<Instruction> instructions) =>
        instructions.Skip(instructions.FindLastIndex(i => i.Name == "FROM")).ToList();

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Final_stage_runs_the_silo_as_a_non_root_user_with_the_cluster_ports(string file, string backend)
    {
        var final = FinalStage(Parse(file));
        Assert.Equal("""["dotnet", "/app/silo/StyleTransfer.Silo.dll"]""", Assert.Single(final, i => i.Name == "ENTRYPOINT").Arguments);
        var user = Assert.Single(final, i => i.Name == "USER").Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        var exposed = final.Where(i => i.Name == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(new[] { "11111", "30000", "8080" }, exposed.Order());
        Assert.Contains(final, i => i.Name == "ENV" && i.Arguments.Contains($"GpuNode__Device={backend}"));
        Assert.Contains(final, i => i.Name == "HEALTHCHECK" && i.Arguments.Contains("/healthz/live"));
        Assert.Contains(final, i => i.Name == "WORKDIR" && i.Arguments == "/app/silo");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Build_stage_publishes_with_the_backend_and_the_runtime_copies_the_output(string file, string backend)
    {
        var instructions = Parse(file);
        Assert.Contains(instructions, i => i.Name == "RUN" && i.Arguments.Contains($"deploy/publish.sh {backend} /app"));
        Assert.Contains(FinalStage(instructions), i => i.Name == "COPY" && i.Arguments == "--from=build /app /app");
        Assert.Contains(FinalStage(instructions), i => i.Name == "RUN" && i.Arguments.Contains("/usr/local/bin/styletransfer")
            && i.Arguments.Contains("/app/cli/styletransfer.dll"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copied_sources_exist_and_are_not_docker_ignored(string file, string backend)
    {
        _ = backend;
        var ignored = DockerIgnorePatterns();
        foreach (var copy in Parse(file).Where(i => i.Name == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                Assert.True(File.Exists(RepoPaths.Combine(source)) || Directory.Exists(RepoPaths.Combine(source)), $"{file}: COPY source {source} missing");
                Assert.DoesNotContain(source, ignored);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Build_and_run_stages_share_one_ubuntu_release(string file, string backend)
    {
        // build/TorchSharpGlibcxx.targets decides from the build machine's libstdc++ whether to patch
        // libLibTorchSharp.so; the run stage must have that same libstdc++.
        _ = backend;
        var instructions = Parse(file);
        var args = GlobalArgs(instructions);
        var images = instructions.Where(i => i.Name == "FROM").Select(i => ResolveImage(i.Arguments, args)).ToList();
        Assert.Contains(images, image => image == "mcr.microsoft.com/dotnet/sdk:10.0-noble");
        Assert.Contains(images, image => image == "mcr.microsoft.com/dotnet/aspnet:10.0-noble");
        var runtime = images[^1];
        if (file.EndsWith(".cuda", StringComparison.Ordinal))
            // libtorch 2.10.0+cu128 (TorchSharp-cuda-linux 0.107) on Ubuntu 24.04 (= noble).
            Assert.Matches(@"^nvidia/cuda:12\.8\.\d+-[a-z-]+-ubuntu24\.04$", runtime);
        else
            Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", runtime);
    }

    [Fact]
    public void Publish_script_publishes_the_projects_and_assemblies_the_images_run()
    {
        var script = File.ReadAllText(RepoPaths.Combine("deploy", "publish.sh"));
        var projects = Regex.Matches(script, @"dotnet publish (\S+\.csproj)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "src/StyleTransfer.Silo/StyleTransfer.Silo.csproj", "src/StyleTransfer.Cli/StyleTransfer.Cli.csproj" }, projects);
        Assert.All(projects, p => Assert.True(File.Exists(RepoPaths.Combine(p)), $"{p} missing"));
        Assert.Equal("StyleTransfer.Silo", AssemblyName("src/StyleTransfer.Silo/StyleTransfer.Silo.csproj"));
        Assert.Equal("styletransfer", AssemblyName("src/StyleTransfer.Cli/StyleTransfer.Cli.csproj"));
        Assert.Contains("-p:TorchBackend=\"$backend\"", script);
        Assert.Contains("-r linux-x64", script);
    }

    [Fact]
    public void Docker_ignore_keeps_host_build_outputs_out_of_the_context()
    {
        var patterns = DockerIgnorePatterns();
        foreach (var required in new[] { "**/bin/", "**/obj/", ".git/", ".tools/", ".azurite/", "out/", "samples/" })
            Assert.Contains(required, patterns);
    }

    static List<string> DockerIgnorePatterns() =>
        File.ReadAllLines(RepoPaths.Combine(".dockerignore")).Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    static string AssemblyName(string project)
    {
        var name = XDocument.Load(RepoPaths.Combine(project)).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault();
        return name ?? Path.GetFileNameWithoutExtension(project);
    }
}
