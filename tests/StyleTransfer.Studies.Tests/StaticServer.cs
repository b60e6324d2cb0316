using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StyleTransfer.Studies.Tests;

/// <summary>
/// A static file server on 127.0.0.1 (HttpListener) for the browser tests: GET serves files under a folder, POST to
/// /answers records the body (as a study's --post-url endpoint would).
/// </summary>
public sealed class StaticServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly string _root;
    readonly Task _loop;

    public StaticServer(string root)
    {
        _root = Path.GetFullPath(root);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Posted { get; } = new();

    async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Serve(context));
        }
    }

    void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            if (context.Request.HttpMethod == "POST" && path == "answers")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Posted.Enqueue(reader.ReadToEnd());
                response.StatusCode = 204;
                return;
            }
            var file = Path.GetFullPath(Path.Combine(_root, path));
            if (!file.StartsWith(_root + Path.DirectorySeparatorChar) || !File.Exists(file))
            {
                response.StatusCode = 404;
                return;
            }
            response.ContentType = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".png" => "image/png",
                ".csv" => "text/csv",
                _ => "application/octet-stream",
            };
            var bytes = File.ReadAllBytes(file);
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
