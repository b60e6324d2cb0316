using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StyleTransfer.Deploy.Tests;

/// <summary>deploy/compose.yaml, read as Docker Compose reads it (YAML merge keys resolved).</summary>
public sealed class ComposeFileTests
{
    static readonly string ComposePath = RepoPaths.Combine("deploy", "compose.yaml");
    static readonly string[] Silos = ["silo-1", "silo-2"];

    readonly YamlMappingNode compose = YamlNodes.LoadWithMerges(ComposePath);

    YamlMappingNode Service(string name) => compose.Map("services", name);

    [Fact]
    public void Defines_azurite_two_silos_and_the_cli()
    {
        var services = compose.Map("services").Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order();
        Assert.Equal(new[] { "azurite", "cli", "silo-1", "silo-2" }, services);
    }

    [Fact]
    public void Azurite_serves_blob_queue_and_table_and_has_a_health_check()
    {
        var azurite = Service("azurite");
        Assert.StartsWith("mcr.microsoft.com/azure-storage/azurite", azurite.Str("image"));
        var command = azurite.Strings("command").ToList();
        foreach (var host in new[] { "--blobHost", "--queueHost", "--tableHost" })
            Assert.Equal("0.0.0.0", command[command.IndexOf(host) + 1]);
        var published = azurite.Strings("ports").Select(p => p.Split(':')[^1]).Order();
        Assert.Equal(new[] { "10000", "10001", "10002" }, published);
        Assert.NotEmpty(azurite.Seq("healthcheck", "test"));
    }

    [Theory]
    [InlineData("silo-1")]
    [InlineData("silo-2")]
    public void Silo_joins_the_cluster_through_azurite(string name)
    {
        var env = Service(name).StringMap("environment");
        Assert.Equal("AzureStorage", env["Cluster__Mode"]);
        var connection = env["ConnectionStrings__AzureStorage"];
        Assert.Contains("TableEndpoint=http://azurite:10002/devstoreaccount1", connection);
        Assert.Contains("BlobEndpoint=http://azurite:10000/devstoreaccount1", connection);
        Assert.Equal("azure", env["ResultStore__Kind"]);
        Assert.Equal(connection, env["ResultStore__ConnectionString"]);
        Assert.False(string.IsNullOrWhiteSpace(env["ResultStore__Container"]));
        Assert.Equal("cpu", env["GpuNode__Device"]);
        // Each container must advertise its own address: none is pinned here (and certainly not a loopback one).
        Assert.False(env.ContainsKey("Cluster__AdvertisedAddress"));
        Assert.Equal("service_healthy", Service(name).Str("depends_on", "azurite", "condition"));
    }

    [Fact]
    public void Silos_share_cluster_ids_but_not_host_names_or_host_ports()
    {
        var envs = Silos.Select(s => Service(s).StringMap("environment")).ToList();
        Assert.Equal(envs[0]["Cluster__ClusterId"], envs[1]["Cluster__ClusterId"]);
        Assert.Equal(envs[0]["Cluster__ServiceId"], envs[1]["Cluster__ServiceId"]);
        Assert.Equal(Silos, Silos.Select(s => Service(s).Str("hostname")));
        var hostPorts = Silos.SelectMany(s => Service(s).Strings("ports")).Select(HostPort).ToList();
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Theory]
    [InlineData("silo-1")]
    [InlineData("silo-2")]
    public void Silo_reads_inputs_from_data_and_reports_readiness(string name)
    {
        var silo = Service(name);
        Assert.Contains("./data:/data:ro", silo.Strings("volumes"));
        Assert.Contains(silo.Strings("healthcheck", "test"), part => part.EndsWith("/healthz/ready", StringComparison.Ordinal));
        var port = silo.StringMap("environment")["Http__Port"];
        Assert.Contains(silo.Strings("healthcheck", "test"), part => part.Contains($":{port}/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo-1")]
    [InlineData("silo-2")]
    public void Silo_host_stops_before_compose_kills_it(string name)
    {
        var silo = Service(name);
        var hostSeconds = int.Parse(silo.StringMap("environment")["DOTNET_SHUTDOWNTIMEOUTSECONDS"]);
        Assert.True(hostSeconds < Seconds(silo.Str("stop_grace_period")), "DOTNET_SHUTDOWNTIMEOUTSECONDS must stay below stop_grace_period");
    }

    [Fact]
    public void Image_is_built_from_the_cpu_dockerfile_in_the_repository()
    {
        foreach (var name in Silos.Append("cli"))
        {
            var build = Service(name).Map("build");
            var context = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ComposePath)!, build.Str("context")));
            Assert.Equal(RepoPaths.Root.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
            Assert.True(File.Exists(Path.Combine(context, build.Str("dockerfile"))), $"{build.Str("dockerfile")} not found");
            Assert.Equal(Service("silo-1").Str("image"), Service(name).Str("image"));
        }
    }

    [Fact]
    public void Cli_is_a_profile_service_that_targets_both_gateways_with_the_silos_ids()
    {
        var cli = Service("cli");
        Assert.Contains("cli", cli.Strings("profiles"));
        var env = cli.StringMap("environment");
        var siloEnv = Service("silo-1").StringMap("environment");
        var gateways = env["STYLETRANSFER_GATEWAYS"].Split(',');
        Assert.Equal(Silos.Select(s => $"{s}:{siloEnv["Cluster__GatewayPort"]}"), gateways);
        Assert.Equal(siloEnv["Cluster__ClusterId"], env["STYLETRANSFER_CLUSTER_ID"]);
        Assert.Equal(siloEnv["Cluster__ServiceId"], env["STYLETRANSFER_SERVICE_ID"]);
        var script = cli.Strings("entrypoint").ToList()[2];
        // Compose interpolates $NAME itself: the shell's own variables must be written $$NAME.
        Assert.DoesNotContain("$", script.Replace("$$", ""));
        foreach (var option in new[] { "--cluster \"$$STYLETRANSFER_GATEWAYS\"", "--cluster-id \"$$STYLETRANSFER_CLUSTER_ID\"", "--service-id \"$$STYLETRANSFER_SERVICE_ID\"" })
            Assert.Contains(option, script);
        Assert.Contains("./data:/data:ro", cli.Strings("volumes"));
        foreach (var silo in Silos)
            Assert.Equal("service_healthy", cli.Str("depends_on", silo, "condition"));
    }

    static string HostPort(string mapping)
    {
        // [ip:]host:container
        var parts = mapping.Split(':');
        return parts.Length == 3 ? $"{parts[0]}:{parts[1]}" : parts[0];
    }

    static int Seconds(string duration)
    {
        var match = Regex.Match(duration, @"^(\d+)(s|m)$");
        Assert.True(match.Success, $"unexpected duration {duration}");
        return int.Parse(match.Groups[1].Value) * (match.Groups[2].Value == "m" ? 60 : 1);
    }
}
