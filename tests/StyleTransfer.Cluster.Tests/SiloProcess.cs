using System.Diagnostics;

using StyleTransfer.Silo;

namespace StyleTransfer.Cluster.Tests;

/// <summary>
/// One silo host process (the real StyleTransfer.Silo program), clustered through Azure Table storage, with
/// failure detection and reminders tuned to seconds so that faults resolve within a test. Its output goes to a log
/// file that assertion messages can quote.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;

    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int HttpPort { get; }
    public string LogPath { get; }

    SiloProcess(Process process, StreamWriter log, string logPath, int siloPort, int gatewayPort, int httpPort)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    /// <summary>Whether <paramref name="nodeId"/> (a node is named by its silo's address: IP, port, generation) names this silo.</summary>
    public bool IsNode(string? nodeId) => nodeId is not null && System.Text.RegularExpressions.Regex.IsMatch(nodeId, $@"127\.0\.0\.1:{SiloPort}\b");

    public static async Task<SiloProcess> StartAsync(string clusterId, string connectionString, IReadOnlyDictionary<string, string>? extra = null)
    {
        int siloPort = FreePorts.Next(), gatewayPort = FreePorts.Next(), httpPort = FreePorts.Next();
        var psi = new ProcessStartInfo("dotnet", $"\"{RepoPaths.SiloDll}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = "AzureStorage",
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = gatewayPort.ToString(),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // A dead silo is declared dead in a few seconds instead of about a minute.
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:05",
            ["Jobs__ReminderPeriod"] = "00:00:05",
            ["Jobs__RetryBaseDelay"] = "00:00:00.500",
            ["Jobs__MaxRetryDelay"] = "00:00:04",
            ["Jobs__MaxAttempts"] = "10",
            ["Http__Port"] = httpPort.ToString(),
            ["ConnectionStrings__AzureStorage"] = connectionString,
            ["ResultStore__Kind"] = "azure",
            ["ResultStore__ConnectionString"] = connectionString,
            ["ResultStore__Container"] = "results",
            ["GpuNode__Device"] = "cpu",
            ["GpuNode__Capacity"] = "1",
            ["GpuNode__TorchThreads"] = "1",
            ["GpuNode__ProgressIntervalSeconds"] = "0.5",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__StyleTransfer"] = "Information",
            // Each dispatch's way through its node, for the failure messages of these tests.
            ["Logging__LogLevel__StyleTransfer.Grains.GpuNodeGrain"] = "Debug",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        foreach (var (key, value) in env) psi.Environment[key] = value;

        var logPath = Path.Combine(Path.GetTempPath(), $"styletransfer-silo-{clusterId}-{gatewayPort}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, log, logPath, siloPort, gatewayPort, httpPort);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the output readers have delivered the last lines (the reason); the
                // parameterless wait returns only once both streams reached their end.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"silo exited with {_process.ExitCode}:\n{Tail()}");
            }
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/healthz/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(300);
        }
        throw new TimeoutException($"silo not ready after {timeout}:\n{Tail()}");
    }

    public async Task<string> GetAsync(string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync($"http://127.0.0.1:{HttpPort}{path}");
    }

    /// <summary>SIGKILL: no graceful shutdown, as when a node dies.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Tail(int lines = 40) => string.Join("\n", AllLines().TakeLast(lines));

    public List<string> AllLines()
    {
        lock (_log)
        {
            _log.Flush();
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd().Split('\n').ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
