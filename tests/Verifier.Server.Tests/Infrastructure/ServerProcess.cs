using Verifier.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// The server as its own OS process (the built Verifier.Server.dll), so a test can kill -9 it, and
/// several of them can share one SQLite file and one Redis as instances of one deployment do.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The server's last lines of output (warnings and errors), for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    /// <summary>
    /// Starts on a free port; another process may take that port first, so an early exit is retried.
    /// Without <paramref name="extraArguments"/> the server runs without a cache; they come after
    /// the defaults, so they win (<c>--cache Redis --redis ...</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string databasePath, params string[] extraArguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(databasePath, LoopbackPort.Free(), extraArguments);
            try
            {
                await server.WaitUntilServingAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
            catch
            {
                // Never leave a half-started server behind a failed test.
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private static ServerProcess Launch(string databasePath, int port, string[] extraArguments)
    {
        var address = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Verifier.Server.dll"), "--urls", address, "--db", databasePath,
                     "--cache", "None", "--demo", "--Logging:LogLevel:Default=Warning", "--Verifier:RateLimit:Burst=100000", "--rest-url=",
                     "--Verifier:Telemetry:MetricsUrl=http://127.0.0.1:0",
                 }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var server = new ServerProcess(process, address);
        // Draining the output also keeps a chatty server from blocking on a full pipe.
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept) _output.Dequeue();
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was committed survives.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var health = new Health.HealthClient(channel);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}: {RecentOutput}");
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become healthy.");
    }


    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
