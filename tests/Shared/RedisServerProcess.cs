using Verifier.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verifier.Testing;

/// <summary>
/// A private redis-server per test on a free loopback port, without persistence, killed on dispose.
/// A private server lets a test kill it (outage) without disturbing other tests. Shared by the
/// cache and server test projects (linked source, as grpc-dotnet's test/Shared).
/// </summary>
public sealed class RedisServerProcess : IRedisDeployment
{
    private const int StartAttempts = 5;
    private const int ReadinessPolls = 200;

    private readonly string _executable;
    private readonly int _port;
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    private RedisServerProcess(string executable, int port, IReadOnlyList<string> extraArguments)
    {
        _executable = executable;
        _port = port;
        _extraArguments = extraArguments;
    }

    public string Configuration => $"127.0.0.1:{_port}";

    public int Port => _port;

    /// <summary>The running redis-server's process id, for signals a test sends itself.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("redis-server is not running");

    IReadOnlyList<int> IRedisDeployment.ProcessIds => [ProcessId];

    /// <summary>/usr/bin/redis-server, else redis-server on PATH, else null (tests skip).</summary>
    public static string? Locate()
    {
        const string debianPath = "/usr/bin/redis-server";
        if (File.Exists(debianPath))
        {
            return debianPath;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    public static RedisServerProcess Start() => Start(_ => []);

    /// <summary>
    /// Starts with more switches, which may name the port chosen (a cluster node's config file);
    /// they come after the defaults, so they win.
    /// </summary>
    public static RedisServerProcess Start(Func<int, IEnumerable<string>> extraArguments)
    {
        var executable = Locate() ?? throw new InvalidOperationException("redis-server is not installed");
        for (var attempt = 1; ; attempt++)
        {
            // The free port can be taken between probing and binding; then redis-server exits and we retry.
            var port = LoopbackPort.Free();
            var server = new RedisServerProcess(executable, port, extraArguments(port).ToArray());
            if (server.TryLaunch() || attempt == StartAttempts)
            {
                return server.IsRunning ? server : throw new InvalidOperationException("redis-server did not start");
            }
        }
    }

    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: the server keeps its data but answers nothing, as a hung or partitioned Redis.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>: the old data is back.</summary>
    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Restart()
    {
        Stop();
        if (!TryLaunch())
        {
            throw new InvalidOperationException($"redis-server did not restart on port {_port}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private bool IsRunning => _process is { HasExited: false };

    private bool TryLaunch()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
                 }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        // Drain output so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var poll = 0; poll < ReadinessPolls && !_process.HasExited; poll++)
        {
            if (AnswersPing())
            {
                return true;
            }

            Thread.Sleep(25);
        }

        Stop();
        return false;
    }

    private bool AnswersPing()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, _port));
            socket.Send("PING\r\n"u8);
            var reply = new byte[16];
            var read = socket.Receive(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

}
