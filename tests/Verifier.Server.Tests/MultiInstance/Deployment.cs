using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using StackExchange.Redis;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Testing;
using Verifier.V1;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// Three instances of the service as production runs them: separate processes on one store (one
/// SQLite file) and one Redis (<c>--cache Redis</c>). They start at the same time on a new file,
/// so every start also exercises the guarded schema migration. Everything is removed on dispose,
/// also when a test failed half-way (a killed instance, a paused Redis).
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    public const int InstanceCount = 3;

    private readonly string _directory;
    private readonly Instance?[] _instances = new Instance?[InstanceCount];
    // Killed instances keep their channels until the end: calls still running on them fail as a client's would.
    private readonly List<Instance> _killed = [];
    private Task<ConnectionMultiplexer>? _probe;

    private Deployment(string directory, IRedisDeployment redis)
    {
        _directory = directory;
        Redis = redis;
    }

    public IRedisDeployment Redis { get; }

    public string DatabasePath => Path.Combine(_directory, "verifier.db");

    public Instance A => this[0];

    public Instance B => this[1];

    public Instance C => this[2];

    public IReadOnlyList<Instance> All => Enumerable.Range(0, InstanceCount).Select(i => this[i]).ToArray();

    public Instance this[int index] => _instances[index] ?? throw new InvalidOperationException($"Instance {Instance.NameOf(index)} is not running.");

    public static async Task<Deployment> StartAsync(RedisKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "verifier-tests", "multi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var deployment = new Deployment(directory, await kind.StartAsync());
        try
        {
            var starts = Enumerable.Range(0, InstanceCount).Select(deployment.StartInstanceAsync).ToArray();
            try
            {
                await Task.WhenAll(starts);
            }
            finally
            {
                // Keep those that did start, so dispose ends them too.
                for (var i = 0; i < starts.Length; i++)
                {
                    if (starts[i].IsCompletedSuccessfully) deployment._instances[i] = starts[i].Result;
                }
            }
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of one instance: no shutdown, only what it committed survives.</summary>
    public void Kill(int index)
    {
        var instance = this[index];
        instance.Server.Kill();
        _killed.Add(instance);
        _instances[index] = null;
    }

    /// <summary>
    /// Whether Redis holds an entry for the pack under any generation (key layout in
    /// src/Verifier.Cache/README.md): a test that means to prove a warm cache is never read stale
    /// first makes sure it is warm.
    /// </summary>
    public async Task<bool> IsCachedAsync(Pack pack)
    {
        var redis = await (_probe ??= ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",abortConnect=false,connectTimeout=2000"));
        foreach (var server in redis.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            await foreach (var _ in server.KeysAsync(pattern: $"*:{pack.ProductCode}:{pack.Serial}", pageSize: 1000)) return true;
        }
        return false;
    }

    /// <summary>Starts a killed instance again on the same file and Redis (on a new port).</summary>
    public async Task<Instance> RestartAsync(int index)
    {
        if (_instances[index] is not null) throw new InvalidOperationException($"Instance {Instance.NameOf(index)} is running.");
        return _instances[index] = await StartInstanceAsync(index);
    }

    private async Task<Instance> StartInstanceAsync(int index)
    {
        var server = await ServerProcess.StartAsync(DatabasePath, "--cache", "Redis", "--redis", Redis.Configuration);
        return new Instance(Instance.NameOf(index), server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_probe is { IsCompletedSuccessfully: true }) await _probe.Result.DisposeAsync();
        foreach (var killed in _killed) killed.Dispose();
        for (var i = 0; i < InstanceCount; i++)
        {
            if (_instances[i] is { } instance)
            {
                instance.Dispose();
                await instance.Server.DisposeAsync();
                _instances[i] = null;
            }
        }
        // SIGKILL ends a paused redis-server too, so a test that failed while Redis hung leaves nothing behind.
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>One server process of the deployment and the generated clients that reach it.</summary>
public sealed class Instance : IDisposable
{
    private readonly GrpcChannel _channel;

    internal Instance(string name, ServerProcess server)
    {
        Name = name;
        Server = server;
        _channel = GrpcChannel.ForAddress(server.Address);
    }

    /// <summary>A, B or C, for assertion messages.</summary>
    public string Name { get; }

    public ServerProcess Server { get; }

    public static string NameOf(int index) => ((char)('A' + index)).ToString();

    public PackService.PackServiceClient Packs(string apiKey) => new(Invoker(apiKey));

    public MasterDataService.MasterDataServiceClient MasterData(string apiKey) => new(Invoker(apiKey));

    public AdminService.AdminServiceClient Admin(string apiKey) => new(Invoker(apiKey));

    public AlertService.AlertServiceClient Alerts(string apiKey) => new(Invoker(apiKey));

    private CallInvoker Invoker(string apiKey) => _channel.Intercept(metadata =>
    {
        metadata.Add("x-api-key", apiKey);
        return metadata;
    });

    public override string ToString() => $"instance {Name} ({Server.Address})";

    public void Dispose() => _channel.Dispose();
}
