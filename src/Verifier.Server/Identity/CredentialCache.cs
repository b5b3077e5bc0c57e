using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Verifier.Server.Hosting;
using Verifier.Storage;

namespace Verifier.Server.Identity;

/// <summary>
/// Remembers which client a credential (API key hash, certificate thumbprint) belongs to, so the hot
/// path is a dictionary hit, and forgets at once when an operator revokes anything on any instance.
/// Every revocation advances the store's credentials epoch in its own transaction; this instance
/// reads the epoch four times per <see cref="IdentityOptions.RevocationBound"/> in the background and
/// uses a remembered credential only if it was remembered under the epoch last read and that read
/// started within the bound. So whatever happens to the reads (a slow or unreachable store), a
/// credential revoked more than the bound ago is looked up in the store, never taken from memory.
/// No Redis is involved: its outage or a lost message cannot delay a revocation.
/// </summary>
internal sealed class CredentialCache(IClientStore clients, IOptions<VerifierOptions> options, ILogger<CredentialCache> logger) : BackgroundService
{
    private readonly TimeSpan _bound = options.Value.Identity.RevocationBound;
    private readonly ConcurrentDictionary<(CredentialKind Kind, string Value), Remembered> _known = new();
    private readonly ConcurrentDictionary<object, Action> _watchers = new();
    // Epochs start at 1: epoch 0 means no read yet, so nothing remembered counts.
    private volatile EpochRead _epoch = new(0, 0);

    public TimeSpan RevocationBound => _bound;

    /// <summary>The caller behind a credential, or null; <paramref name="find"/> asks the store when memory may not be trusted.</summary>
    public async ValueTask<Caller?> FindAsync(CredentialKind kind, string value, Func<Task<ClientRecord?>> find)
    {
        var credential = (kind, value);
        var epoch = _epoch;
        if (_known.TryGetValue(credential, out var remembered) && remembered.Epoch == epoch.Epoch && IsFresh(epoch)) return remembered.Caller;
        var client = await find();
        if (client is null)
        {
            _known.TryRemove(credential, out _);
            return null;
        }
        var caller = Caller.From(client);
        // Under the epoch read before the store was asked: if it has moved on since, this entry is not trusted.
        _known[credential] = new Remembered(caller, epoch.Epoch);
        return caller;
    }

    /// <summary>This instance just revoked something: forget now rather than at the next read.</summary>
    public void Forget() => _known.Clear();

    /// <summary>Calls <paramref name="onChange"/> whenever the epoch moves (an open stream re-checks its caller).</summary>
    public IDisposable WatchRevocations(Action onChange)
    {
        var token = new object();
        _watchers[token] = onChange;
        return new Unwatch(() => _watchers.TryRemove(token, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_bound / 4);
        do
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var epoch = await clients.ReadCredentialsEpochAsync(stoppingToken);
                var moved = epoch != _epoch.Epoch;
                _epoch = new EpochRead(epoch, started);
                if (moved)
                {
                    _known.Clear();
                    foreach (var watcher in _watchers.Values) watcher();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Remembered credentials go stale after the bound: calls then ask the store themselves.
                logger.LogWarning(exception, "Could not read the credentials epoch");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private bool IsFresh(EpochRead read) => read.Epoch > 0 && Stopwatch.GetElapsedTime(read.StartedAt) <= _bound;

    public enum CredentialKind
    {
        ApiKeyHash,
        CertificateThumbprint,
    }

    private sealed record EpochRead(long Epoch, long StartedAt);

    private sealed record Remembered(Caller Caller, long Epoch);

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
