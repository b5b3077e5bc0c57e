using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.server;
using Microsoft.Extensions.Logging;

namespace Verifier.Cache;

/// <summary>
/// Microsoft Garnet hosted in this process on loopback, so a single-node run gets the same
/// RESP cache (and the same <see cref="RedisPackStatusCache"/> code path) without an external Redis.
/// Memory only: no AOF, no checkpoints, no storage tier; the cache is rebuilt from SQL after a restart.
/// </summary>
public sealed class EmbeddedGarnetServer : IDisposable, IAsyncDisposable
{
    private const long MinimumMemoryBytes = 8L << 20;
    private const long PageBytes = 1L << 20;
    private const int FreePortAttempts = 5;

    private readonly GarnetServer _server;

    private EmbeddedGarnetServer(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    /// <summary>A StackExchange.Redis configuration string for <see cref="RedisCacheOptions.Configuration"/>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts listening. Logs nothing unless a logger factory is given (then warnings and up).
    /// </summary>
    public static EmbeddedGarnetServer Start(EmbeddedGarnetOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new EmbeddedGarnetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MemoryBytes, MinimumMemoryBytes, nameof(options.MemoryBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IndexBytes, 64L << 10, nameof(options.IndexBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));

        if (options.Port != 0)
        {
            return Listen(options, options.Port, loggerFactory);
        }

        // Garnet cannot report the port the OS chose, so probe for a free one; another process
        // may take it in between, hence the retries.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Listen(options, FreeLoopbackPort(), loggerFactory);
            }
            catch (Exception ex) when (attempt < FreePortAttempts && IsAddressInUse(ex))
            {
            }
        }
    }

    public void Dispose() => _server.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static EmbeddedGarnetServer Listen(EmbeddedGarnetOptions options, int port, ILoggerFactory? loggerFactory)
    {
        var garnetOptions = new GarnetServerOptions
        {
            EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],
            LogMemorySize = options.MemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PageSize = PageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IndexMemorySize = options.IndexBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            EnableStorageTier = false,
            EnableAOF = false,
            // Lua is off by default in Garnet; the versioned write needs it.
            EnableLua = true,
            LuaOptions = new LuaOptions(loggerFactory?.CreateLogger("Garnet.Lua")),
            // Garnet runs scripts without key locks unless asked; the set-if-newer compare must be atomic.
            LuaTransactionMode = true,
            QuietMode = true,
            LogLevel = loggerFactory is null ? LogLevel.None : LogLevel.Warning,
        };
        var server = new GarnetServer(garnetOptions, loggerFactory);
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new EmbeddedGarnetServer(server, port);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private static bool IsAddressInUse(Exception ex) =>
        ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || ex.InnerException is { } inner && IsAddressInUse(inner);
}
