using System.Text;
using YamlDotNet.RepresentationModel;

namespace StyleTransfer.Deploy.Tests;

/// <summary>The chart's default render (with a storage connection string), shared by the tests that only read it.</summary>
public sealed class DefaultRender
{
    public Manifests Manifests { get; } = Helm.RenderWithStorage();
}

/// <summary>helm lint and helm template of helm/styletransfer, asserting on the rendered objects.</summary>
public sealed class HelmChartTests(DefaultRender render) : IClassFixture<DefaultRender>
{
    readonly Manifests defaults = render.Manifests;

    [Fact]
    public void Lint_passes_in_strict_mode()
    {
        var result = Helm.Run("lint", "--strict", RepoPaths.Chart, "--set-literal", $"storage.connectionString={Helm.ConnectionString}");
        Assert.True(result.ExitCode == 0, $"helm lint failed:\n{result.StdOut}\n{result.StdErr}");
        Assert.Contains("0 chart(s) failed", result.StdOut);
        Assert.DoesNotContain("[ERROR]", result.StdOut);
        Assert.DoesNotContain("[WARNING]", result.StdOut);
    }

    [Fact]
    public void Lint_passes_with_gpus_and_volumes()
    {
        var result = Helm.Run("lint", "--strict", RepoPaths.Chart,
            "--set", "storage.existingSecret=storage", "--set", "gpu.enabled=true", "--set", "data.existingClaim=inputs",
            "--set", "resultStore.kind=local", "--set", "resultStore.existingClaim=results");
        Assert.True(result.ExitCode == 0, $"helm lint failed:\n{result.StdOut}\n{result.StdErr}");
    }

    [Fact]
    public void Default_render_has_the_silo_workload_and_what_it_needs()
    {
        Assert.Equal(
            new[] { "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount" },
            defaults.Kinds.Order());
        Assert.Equal("apps/v1", defaults.Deployment.Str("apiVersion"));
        Assert.Equal("2", defaults.Deployment.Str("spec", "replicas"));
        Assert.Equal("styletransfer:0.1.0", defaults.Silo.Str("image"));
    }

    [Fact]
    public void Deployment_selector_matches_the_pod_labels()
    {
        var selector = defaults.Deployment.StringMap("spec", "selector", "matchLabels");
        Assert.NotEmpty(selector);
        Assert.All(selector, kv => Assert.Equal(kv.Value, defaults.PodLabels[kv.Key]));
    }

    [Fact]
    public void Pods_carry_the_orleans_labels()
    {
        Assert.Equal("styletransfer", defaults.PodLabels["orleans/serviceId"]);
        Assert.Equal($"{Helm.Release}-styletransfer", defaults.PodLabels["orleans/clusterId"]);
    }

    [Fact]
    public void Orleans_kubernetes_hosting_gets_pod_identity_from_the_downward_api()
    {
        Assert.Equal("metadata.name", FieldRef("POD_NAME"));
        Assert.Equal("metadata.namespace", FieldRef("POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldRef("POD_IP"));
        Assert.Equal("Kubernetes", defaults.EnvValue("Cluster__Mode"));
    }

    [Fact]
    public void Cluster_ids_come_from_the_pod_labels_so_they_cannot_disagree()
    {
        // Orleans' hosting reads ORLEANS_*; the silo's own configuration reads Cluster__*; both must equal the labels
        // that Orleans' pod watch selects on.
        foreach (var name in new[] { "ORLEANS_SERVICE_ID", "Cluster__ServiceId" })
            Assert.Equal("metadata.labels['orleans/serviceId']", FieldRef(name));
        foreach (var name in new[] { "ORLEANS_CLUSTER_ID", "Cluster__ClusterId" })
            Assert.Equal("metadata.labels['orleans/clusterId']", FieldRef(name));
    }

    [Fact]
    public void Custom_cluster_ids_reach_the_labels()
    {
        var manifests = Helm.RenderWithStorage("--set", "orleans.serviceId=photos", "--set", "orleans.clusterId=blue");
        Assert.Equal("photos", manifests.PodLabels["orleans/serviceId"]);
        Assert.Equal("blue", manifests.PodLabels["orleans/clusterId"]);
    }

    [Fact]
    public void Container_exposes_silo_gateway_and_http_ports()
    {
        var ports = defaults.Silo.Seq("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Str("name"), p => p.Str("containerPort"));
        Assert.Equal(new Dictionary<string, string> { ["silo"] = "11111", ["gateway"] = "30000", ["http"] = "8080" }, ports);
        Assert.Equal("11111", defaults.EnvValue("Cluster__SiloPort"));
        Assert.Equal("30000", defaults.EnvValue("Cluster__GatewayPort"));
        Assert.Equal("8080", defaults.EnvValue("Http__Port"));
    }

    [Fact]
    public void Probes_use_the_health_endpoints()
    {
        Assert.Equal("/healthz/live", defaults.Silo.Str("startupProbe", "httpGet", "path"));
        Assert.Equal("/healthz/live", defaults.Silo.Str("livenessProbe", "httpGet", "path"));
        Assert.Equal("/healthz/ready", defaults.Silo.Str("readinessProbe", "httpGet", "path"));
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            Assert.Equal("http", defaults.Silo.Str(probe, "httpGet", "port"));
    }

    [Fact]
    public void Role_grants_what_orleans_kubernetes_hosting_does_with_pods()
    {
        var rule = Assert.Single(defaults.Single("Role").Seq("rules").Cast<YamlMappingNode>());
        Assert.Equal(new[] { "" }, rule.Strings("apiGroups"));
        Assert.Equal(new[] { "pods" }, rule.Strings("resources"));
        // get/patch: its own pod's orleans/* labels; list/watch: the cluster's pods; delete: pods of dead silos.
        Assert.Equal(new[] { "delete", "get", "list", "patch", "watch" }, rule.Strings("verbs").Order());
    }

    [Fact]
    public void RoleBinding_binds_the_role_to_the_pods_service_account()
    {
        var binding = defaults.Single("RoleBinding");
        Assert.Equal("Role", binding.Str("roleRef", "kind"));
        Assert.Equal(defaults.Single("Role").Str("metadata", "name"), binding.Str("roleRef", "name"));
        var subject = Assert.Single(binding.Seq("subjects").Cast<YamlMappingNode>());
        Assert.Equal("ServiceAccount", subject.Str("kind"));
        Assert.Equal(Helm.Namespace, subject.Str("namespace"));
        var account = defaults.PodSpec.Str("serviceAccountName");
        Assert.Equal(account, subject.Str("name"));
        Assert.Equal(account, defaults.Single("ServiceAccount").Str("metadata", "name"));
        Assert.Equal("true", defaults.PodSpec.Str("automountServiceAccountToken"));
    }

    [Fact]
    public void Gateway_service_targets_the_gateway_port_of_the_silos()
    {
        var service = defaults.Single("Service");
        Assert.Equal($"{Helm.Release}-styletransfer-gateway", service.Str("metadata", "name"));
        Assert.Equal("ClusterIP", service.Str("spec", "type"));
        var port = Assert.Single(service.Seq("spec", "ports").Cast<YamlMappingNode>());
        Assert.Equal("30000", port.Str("port"));
        Assert.Equal("gateway", port.Str("targetPort"));
        var selector = service.StringMap("spec", "selector");
        Assert.NotEmpty(selector);
        Assert.All(selector, kv => Assert.Equal(kv.Value, defaults.PodLabels[kv.Key]));
    }

    [Fact]
    public void Gateway_service_type_and_port_are_configurable()
    {
        var service = Helm.RenderWithStorage("--set", "service.type=LoadBalancer", "--set", "service.port=31000").Single("Service");
        Assert.Equal("LoadBalancer", service.Str("spec", "type"));
        Assert.Equal("31000", ((YamlMappingNode)service.Seq("spec", "ports")[0]).Str("port"));
    }

    [Fact]
    public void PodDisruptionBudget_covers_the_silos()
    {
        var pdb = defaults.Single("PodDisruptionBudget");
        Assert.Equal("policy/v1", pdb.Str("apiVersion"));
        Assert.Equal("1", pdb.Str("spec", "maxUnavailable"));
        var selector = pdb.StringMap("spec", "selector", "matchLabels");
        Assert.NotEmpty(selector);
        Assert.All(selector, kv => Assert.Equal(kv.Value, defaults.PodLabels[kv.Key]));
        Assert.DoesNotContain("PodDisruptionBudget", Helm.RenderWithStorage("--set", "podDisruptionBudget.enabled=false").Kinds);
    }

    [Fact]
    public void Connection_string_comes_from_the_chart_created_secret()
    {
        var secret = defaults.Single("Secret");
        var name = secret.Str("metadata", "name");
        var encoded = secret.Str("data", "connectionString");
        Assert.Equal(Helm.ConnectionString, Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        foreach (var variable in new[] { "ConnectionStrings__AzureStorage", "ResultStore__ConnectionString" })
        {
            var reference = defaults.Env[variable].Map("valueFrom", "secretKeyRef");
            Assert.Equal(name, reference.Str("name"));
            Assert.Equal("connectionString", reference.Str("key"));
        }
        Assert.Null(defaults.Env["ConnectionStrings__AzureStorage"].Find("value"));
        Assert.NotNull(defaults.Deployment.Find("spec", "template", "metadata", "annotations", "checksum/storage-secret"));
    }

    [Fact]
    public void Existing_secret_is_used_instead_of_creating_one()
    {
        var manifests = Helm.Render("--set", "storage.existingSecret=prod-storage", "--set", "storage.existingSecretKey=conn");
        Assert.DoesNotContain("Secret", manifests.Kinds);
        foreach (var variable in new[] { "ConnectionStrings__AzureStorage", "ResultStore__ConnectionString" })
        {
            var reference = manifests.Env[variable].Map("valueFrom", "secretKeyRef");
            Assert.Equal("prod-storage", reference.Str("name"));
            Assert.Equal("conn", reference.Str("key"));
        }
        Assert.Null(manifests.Deployment.Find("spec", "template", "metadata", "annotations", "checksum/storage-secret"));
    }

    [Fact]
    public void Render_fails_with_a_clear_message_without_storage()
    {
        var result = Helm.Template();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("storage.existingSecret", result.StdErr);
        Assert.Contains("storage.connectionString", result.StdErr);
    }

    [Fact]
    public void Results_go_to_azure_blobs_by_default()
    {
        Assert.Equal("azure", defaults.EnvValue("ResultStore__Kind"));
        Assert.Equal("styletransfer", defaults.EnvValue("ResultStore__Container"));
        Assert.False(defaults.Env.ContainsKey("ResultStore__Path"));
    }

    [Fact]
    public void Local_results_need_a_shared_claim()
    {
        var failed = Helm.Template("--set", "storage.existingSecret=s", "--set", "resultStore.kind=local");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("resultStore.existingClaim", failed.StdErr);

        var manifests = Helm.Render("--set", "storage.existingSecret=s", "--set", "resultStore.kind=local", "--set", "resultStore.existingClaim=results");
        Assert.Equal("local", manifests.EnvValue("ResultStore__Kind"));
        Assert.Equal("/results", manifests.EnvValue("ResultStore__Path"));
        Assert.False(manifests.Env.ContainsKey("ResultStore__ConnectionString"));
        Assert.Equal("results", Volume(manifests, "results").Str("persistentVolumeClaim", "claimName"));
        Assert.Equal("/results", Mount(manifests, "results").Str("mountPath"));
    }

    [Fact]
    public void Unknown_result_store_kind_fails()
    {
        var result = Helm.Template("--set", "storage.existingSecret=s", "--set", "resultStore.kind=s3");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("resultStore.kind", result.StdErr);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Results")]
    [InlineData("two--hyphens")]
    public void Invalid_blob_container_names_fail(string container)
    {
        var result = Helm.Template("--set", "storage.existingSecret=s", "--set-string", $"resultStore.container={container}");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("resultStore.container", result.StdErr);
    }

    [Fact]
    public void Cpu_silos_request_no_gpu()
    {
        Assert.DoesNotContain("gpu", defaults.Silo.Get("resources").ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("cpu", defaults.EnvValue("GpuNode__Device"));
        Assert.DoesNotContain("cuda", defaults.Silo.Str("image"));
        Assert.Null(defaults.PodSpec.Find("tolerations"));
        Assert.Null(defaults.PodSpec.Find("nodeSelector"));
    }

    [Fact]
    public void Gpu_silos_request_gpus_and_use_the_cuda_image()
    {
        var manifests = Helm.RenderWithStorage("--set", "gpu.enabled=true", "--set", "gpu.nodeSelector.accelerator=h100",
            "--set", "nodeSelector.pool=gpu");
        Assert.Equal("1", manifests.Silo.Str("resources", "limits", "nvidia.com/gpu"));
        Assert.Equal("8Gi", manifests.Silo.Str("resources", "limits", "memory"));
        Assert.Equal("styletransfer:0.1.0-cuda", manifests.Silo.Str("image"));
        Assert.Equal("cuda", manifests.EnvValue("GpuNode__Device"));
        var toleration = Assert.Single(manifests.PodSpec.Seq("tolerations").Cast<YamlMappingNode>());
        Assert.Equal("nvidia.com/gpu", toleration.Str("key"));
        Assert.Equal(new Dictionary<string, string> { ["accelerator"] = "h100", ["pool"] = "gpu" }, manifests.PodSpec.StringMap("nodeSelector"));
    }

    [Fact]
    public void Gpu_count_resource_name_and_tags_are_configurable()
    {
        var manifests = Helm.RenderWithStorage("--set", "gpu.enabled=true", "--set", "gpu.count=2",
            "--set", "gpu.resourceName=example.com/gpu", "--set", "image.repository=registry.example.com/st",
            "--set", "image.tag=1.2.3", "--set", "gpuNode.device=cuda:1");
        Assert.Equal("2", manifests.Silo.Str("resources", "limits", "example.com/gpu"));
        Assert.Null(manifests.Silo.Find("resources", "limits", "nvidia.com/gpu"));
        Assert.Equal("registry.example.com/st:1.2.3-cuda", manifests.Silo.Str("image"));
        Assert.Equal("cuda:1", manifests.EnvValue("GpuNode__Device"));
        Assert.Equal("registry.example.com/st:9-gpu",
            Helm.RenderWithStorage("--set", "gpu.enabled=true", "--set", "image.repository=registry.example.com/st",
                "--set", "image.cudaTag=9-gpu").Silo.Str("image"));
    }

    [Fact]
    public void Gpu_pods_with_a_cpu_device_fail()
    {
        var result = Helm.Template("--set", "storage.existingSecret=s", "--set", "gpu.enabled=true", "--set", "gpuNode.device=cpu");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("gpuNode.device", result.StdErr);
    }

    [Fact]
    public void Node_capacity_and_threads_are_passed_only_when_set()
    {
        Assert.False(defaults.Env.ContainsKey("GpuNode__Capacity"));
        Assert.False(defaults.Env.ContainsKey("GpuNode__TorchThreads"));
        var manifests = Helm.RenderWithStorage("--set", "gpuNode.capacity=3", "--set", "gpuNode.torchThreads=2");
        Assert.Equal("3", manifests.EnvValue("GpuNode__Capacity"));
        Assert.Equal("2", manifests.EnvValue("GpuNode__TorchThreads"));
    }

    [Fact]
    public void Data_claim_is_mounted_at_data()
    {
        Assert.DoesNotContain(defaults.PodSpec.Seq("volumes").Cast<YamlMappingNode>(), v => v.Str("name") == "data");
        var manifests = Helm.RenderWithStorage("--set", "data.existingClaim=inputs");
        Assert.Equal("inputs", Volume(manifests, "data").Str("persistentVolumeClaim", "claimName"));
        var mount = Mount(manifests, "data");
        Assert.Equal("/data", mount.Str("mountPath"));
        Assert.Equal("true", mount.Str("readOnly"));
        Assert.Equal("false", Mount(Helm.RenderWithStorage("--set", "data.existingClaim=inputs", "--set", "data.readOnly=false"), "data").Str("readOnly"));
    }

    [Fact]
    public void Pods_have_prometheus_scrape_annotations()
    {
        var annotations = defaults.Deployment.StringMap("spec", "template", "metadata", "annotations");
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("8080", annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        var without = Helm.RenderWithStorage("--set", "metrics.prometheusAnnotations=false");
        Assert.Null(without.Deployment.Find("spec", "template", "metadata", "annotations", "prometheus.io/scrape"));
    }

    [Fact]
    public void Grace_period_lets_running_items_finish_and_the_host_stops_inside_it()
    {
        Assert.Equal("900", defaults.PodSpec.Str("terminationGracePeriodSeconds"));
        Assert.Equal("885", defaults.EnvValue("DOTNET_SHUTDOWNTIMEOUTSECONDS"));
        var custom = Helm.RenderWithStorage("--set", "terminationGracePeriodSeconds=120");
        Assert.Equal("120", custom.PodSpec.Str("terminationGracePeriodSeconds"));
        Assert.Equal("105", custom.EnvValue("DOTNET_SHUTDOWNTIMEOUTSECONDS"));
        var tooShort = Helm.Template("--set", "storage.existingSecret=s", "--set", "terminationGracePeriodSeconds=10");
        Assert.NotEqual(0, tooShort.ExitCode);
        Assert.Contains("terminationGracePeriodSeconds", tooShort.StdErr);
    }

    [Fact]
    public void Silo_runs_as_non_root_with_a_read_only_root_and_a_writable_tmp()
    {
        Assert.Equal("true", defaults.PodSpec.Str("securityContext", "runAsNonRoot"));
        Assert.Equal("1654", defaults.PodSpec.Str("securityContext", "runAsUser"));
        Assert.Equal("true", defaults.Silo.Str("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", defaults.Silo.Str("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("/tmp", Mount(defaults, "tmp").Str("mountPath"));
        Assert.NotNull(Volume(defaults, "tmp").Find("emptyDir"));
    }

    [Theory]
    [InlineData("orleans.clusterId", "has spaces")]
    [InlineData("orleans.clusterId", "-leading-dash")]
    [InlineData("orleans.serviceId", "a/b")]
    public void Ids_that_cannot_be_label_values_fail(string value, string id)
    {
        var result = Helm.Template("--set", "storage.existingSecret=s", "--set-string", $"{value}={id}");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(value, result.StdErr);
        Assert.Contains("label value", result.StdErr);
    }

    [Fact]
    public void Colliding_ports_fail()
    {
        var result = Helm.Template("--set", "storage.existingSecret=s", "--set", "http.port=30000");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("must differ", result.StdErr);
    }

    [Fact]
    public void Existing_service_account_needs_a_name_and_is_used()
    {
        var failed = Helm.Template("--set", "storage.existingSecret=s", "--set", "serviceAccount.create=false");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("serviceAccount.name", failed.StdErr);
        var manifests = Helm.Render("--set", "storage.existingSecret=s", "--set", "serviceAccount.create=false", "--set", "serviceAccount.name=silos");
        Assert.DoesNotContain("ServiceAccount", manifests.Kinds);
        Assert.Equal("silos", manifests.PodSpec.Str("serviceAccountName"));
        Assert.Equal("silos", ((YamlMappingNode)manifests.Single("RoleBinding").Seq("subjects")[0]).Str("name"));
    }

    [Fact]
    public void Release_notes_tell_how_to_submit_a_job()
    {
        var result = Helm.Run("install", Helm.Release, RepoPaths.Chart, "--namespace", Helm.Namespace, "--dry-run=client",
            "--set-literal", $"storage.connectionString={Helm.ConnectionString}", "--set", "data.existingClaim=inputs");
        Assert.True(result.ExitCode == 0, $"helm install --dry-run=client failed:\n{result.StdErr}");
        var notes = result.StdOut[result.StdOut.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("styletransfer submit", notes);
        Assert.Contains($"--cluster {Helm.Release}-styletransfer-gateway.{Helm.Namespace}.svc:30000", notes);
        Assert.Contains($"--cluster-id {Helm.Release}-styletransfer", notes);
        Assert.Contains("--service-id styletransfer", notes);
        Assert.Contains("claim inputs", notes);
    }

    string FieldRef(string variable)
    {
        Assert.True(defaults.Env.TryGetValue(variable, out var entry), $"no environment variable {variable}");
        return entry.Str("valueFrom", "fieldRef", "fieldPath");
    }

    static YamlMappingNode Volume(Manifests manifests, string name) =>
        Assert.Single(manifests.PodSpec.Seq("volumes").Cast<YamlMappingNode>(), v => v.Str("name") == name);

    static YamlMappingNode Mount(Manifests manifests, string name) =>
        Assert.Single(manifests.Silo.Seq("volumeMounts").Cast<YamlMappingNode>(), v => v.Str("name") == name);
}
