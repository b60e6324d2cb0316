using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StyleTransfer.Silo;

// A StyleTransfer silo: localhost clustering (section "Orleans"), result store (section "ResultStore") and node
// options (section "GpuNode") from appsettings.json, environment (e.g. Orleans__SiloPort=11112) or the command line
// (e.g. --Orleans:SiloPort 11112 --Orleans:GatewayPort 30001 --Orleans:PrimarySiloPort 11111).
var builder = Host.CreateApplicationBuilder(args);
var hostOptions = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
builder.UseOrleans(silo => silo
    .UseStyleTransferLocalhostClustering(hostOptions.SiloPort, hostOptions.GatewayPort,
        hostOptions.PrimarySiloPort is int primary ? new IPEndPoint(IPAddress.Loopback, primary) : null,
        hostOptions.ServiceId, hostOptions.ClusterId)
    .AddStyleTransfer());
await builder.Build().RunAsync();
