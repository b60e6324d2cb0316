using System.Net;
using System.Net.Sockets;

namespace StyleTransfer.Silo;

static class FreePorts
{
    /// <summary>A TCP port free on the loopback interface right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
