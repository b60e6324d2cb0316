using System.Diagnostics;
using System.Net.Sockets;

using StyleTransfer.Silo;

namespace StyleTransfer.Cluster.Tests;

/// <summary>
/// An Azurite process of the test's own, on free ports, keeping its data on disk so that it can be stopped and
/// started again (a storage outage) without losing what was written.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("styletransfer-azurite-").FullName;
    readonly int _blob = FreePorts.Next(), _queue = FreePorts.Next(), _table = FreePorts.Next();
    Process? _process;

    const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo(RepoPaths.Azurite,
            $"--silent --skipApiVersionCheck --disableProductStyleUrl --location \"{_folder}\" " +
            $"--blobHost 127.0.0.1 --blobPort {_blob} --queueHost 127.0.0.1 --queuePort {_queue} --tableHost 127.0.0.1 --tablePort {_table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var port in new[] { _blob, _table })
            while (!await IsOpenAsync(port))
            {
                if (DateTime.UtcNow > deadline || _process.HasExited)
                    throw new InvalidOperationException($"Azurite did not open port {port} (exited: {_process.HasExited})");
                await Task.Delay(200);
            }
    }

    /// <summary>
    /// Stops the emulator with SIGTERM, as an orderly outage: Azurite then saves what it acknowledged (a SIGKILL can
    /// lose its last writes, which real storage never does once it answered).
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    static async Task<bool> IsOpenAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
