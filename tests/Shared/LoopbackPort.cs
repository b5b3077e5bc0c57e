using System.Net;
using System.Net.Sockets;

namespace Verifier.Testing;

/// <summary>
/// A loopback port free at the moment of asking, for servers that must be told their port up front.
/// Another process may take it before the server binds, so callers retry on an early exit.
/// </summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
