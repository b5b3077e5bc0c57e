using System.Diagnostics;
using System.Globalization;

namespace Verifier.Testing;

/// <summary>
/// A private Redis Cluster of three masters without replicas on free loopback ports, each node a
/// <see cref="RedisServerProcess"/> with its cluster state in a temp folder; all removed on dispose.
/// Three masters is the smallest cluster redis-cli creates, and enough that keys land on several nodes.
/// </summary>
public sealed class RedisClusterProcess : IRedisDeployment
{
    private const int Masters = 3;
    private const int StartAttempts = 3;
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(20);

    private readonly string _directory;
    private readonly List<RedisServerProcess> _nodes = [];

    private RedisClusterProcess(string directory) => _directory = directory;

    public IReadOnlyList<RedisServerProcess> Nodes => _nodes;

    public string Configuration => string.Join(',', _nodes.Select(node => node.Configuration));

    public IReadOnlyList<int> ProcessIds => _nodes.Select(node => node.ProcessId).ToArray();

    /// <summary>/usr/bin/redis-cli, else redis-cli on PATH, else null; creating a cluster needs it.</summary>
    public static string? LocateCli()
    {
        const string debianPath = "/usr/bin/redis-cli";
        if (File.Exists(debianPath)) return debianPath;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-cli"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Null when a cluster can be started here, else why not (for a skip reason).</summary>
    public static string? MissingPrerequisite() =>
        RedisServerProcess.Locate() is null ? "redis-server is not installed (apt-get install redis-server)"
        : LocateCli() is null ? "redis-cli is not installed (apt-get install redis-tools)"
        : null;

    public static async Task<RedisClusterProcess> StartAsync()
    {
        if (MissingPrerequisite() is { } missing) throw new InvalidOperationException(missing);
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new RedisClusterProcess(Path.Combine(Path.GetTempPath(), "verifier-tests", "redis-cluster-" + Guid.NewGuid().ToString("N")));
            try
            {
                await cluster.FormAsync();
                return cluster;
            }
            catch (Exception exception) when (attempt < StartAttempts && exception is InvalidOperationException or TimeoutException)
            {
                // A bus port taken between probing and binding, or a node that lost the race for its
                // port after the cluster was planned: start over with new ports.
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    private async Task FormAsync()
    {
        Directory.CreateDirectory(_directory);
        for (var i = 0; i < Masters; i++)
        {
            _nodes.Add(RedisServerProcess.Start(port =>
            [
                "--cluster-enabled", "yes",
                // The cluster bus defaults to port + 10000, which may be taken or above 65535; name a free one.
                "--cluster-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
                // Small, so a node that was paused is taken back quickly (a FAIL mark is cleared after twice this).
                "--cluster-node-timeout", "2000",
                "--dir", _directory,
            ]));
        }

        var endpoints = _nodes.Select(node => node.Configuration);
        await RunCliAsync(["--cluster", "create", .. endpoints, "--cluster-replicas", "0", "--cluster-yes"], ReadyWithin);

        // redis-cli returns once the nodes agree on the configuration; each node still has to see
        // every slot covered before it serves keys.
        var deadline = DateTime.UtcNow + ReadyWithin;
        foreach (var node in _nodes)
        {
            while (!(await RunCliAsync(["-p", node.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"], TimeSpan.FromSeconds(5)))
                       .Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Redis Cluster node {node.Configuration} did not reach cluster_state:ok");
                await Task.Delay(50);
            }
        }
    }

    private static async Task<string> RunCliAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(LocateCli()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var cli = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await cli.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            cli.Kill(entireProcessTree: true);
            throw new TimeoutException($"redis-cli {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', start.ArgumentList)} exited with {cli.ExitCode}: {await output}{await error}");
        }
        return await output;
    }

    public void Pause()
    {
        foreach (var node in _nodes) node.Pause();
    }

    public void Resume()
    {
        foreach (var node in _nodes) node.Resume();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _nodes.Clear();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
