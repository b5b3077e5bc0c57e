using Verifier.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>The server as its own OS process (the built Verifier.Server.dll), so a test can kill -9 it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    /// <summary>Starts on a free port; another process may take that port first, so an early exit is retried.</summary>
    public static async Task<ServerProcess> StartAsync(string databasePath)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(databasePath, LoopbackPort.Free());
            try
            {
                await server.WaitUntilServingAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static ServerProcess Launch(string databasePath, int port)
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
                     "--cache", "None", "--demo", "--Logging:LogLevel:Default=Warning", "--Verifier:RateLimit:Burst=100000",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, address);
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
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}.");
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
