using System.Net;
using System.Net.Sockets;

namespace Fengqiao.Testing;

/// <summary>
/// A TCP relay between a web host and its PostgreSQL, so a test can take the database away and bring it back:
/// <see cref="Cut"/> resets every open connection and refuses new ones (as a stopped server does), <see cref="Restore"/>
/// accepts again on the same port.
/// </summary>
public sealed class DatabaseLink : IAsyncDisposable
{
    private readonly IPEndPoint _server;
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public DatabaseLink(string serverHost, int serverPort)
    {
        _server = new IPEndPoint(IPAddress.Parse(serverHost == "localhost" ? "127.0.0.1" : serverHost), serverPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _accepting = AcceptAsync(listener);
        }
    }

    /// <summary>Resets every relayed connection and stops accepting: the database is gone.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open)
            {
                // A reset, not a polite close: what a client sees when the server's machine or process dies.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_server);
            }
            catch (SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The other side went away, or the link was cut.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
    }
}
