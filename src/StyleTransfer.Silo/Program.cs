using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using StyleTransfer.Grains;
using StyleTransfer.Silo;

// A StyleTransfer silo host: cluster (section "Cluster", connection string "AzureStorage"), result store (section
// "ResultStore"), node (section "GpuNode") and job settings (section "Jobs") from appsettings.json, the environment
// (e.g. Cluster__Mode=AzureStorage) or the command line (e.g. --Cluster:SiloPort 11112). HTTP on Http:Port (8080):
// /healthz/live, /healthz/ready (the silo is an active cluster member), /metrics (Prometheus) and the web view of jobs (/).
// Content root = the app's folder, so its appsettings.json applies whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var cluster = builder.Configuration.GetSection(ClusterHostOptions.SectionName).Get<ClusterHostOptions>() ?? new ClusterHostOptions();
int httpPort = builder.Configuration.GetValue("Http:Port", 8080);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(httpPort));
builder.UseOrleans(silo => silo.UseStyleTransferCluster(cluster, builder.Configuration).AddStyleTransfer());
builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: ["ready"]);
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(StyleTransferMetrics.MeterName, "Microsoft.Orleans")
    .AddPrometheusExporter());

var app = builder.Build();
app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapStyleTransferWebView();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A silo that cannot start (its node's device missing, storage refused, ...) says why in one line and exits 1.
    Console.Error.WriteLine($"styletransfer silo: cannot start: {e.GetBaseException().Message}");
    return 1;
}
