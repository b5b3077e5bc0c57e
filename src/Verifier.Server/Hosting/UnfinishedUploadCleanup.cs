using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>
/// Start-up step: removes what uploads interrupted by a crash left in the store. Hosted services
/// start before the web server, so no request is answered while leftovers could still be seen,
/// and a retried upload of the same batch is not refused as "in progress".
/// </summary>
internal sealed class UnfinishedUploadCleanup(IMasterDataStore store, ILogger<UnfinishedUploadCleanup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = await store.RemoveUnfinishedUploadsAsync(TimeSpan.FromMinutes(10), cancellationToken);
        if (removed > 0) logger.LogWarning("Removed {Count} batches left by uploads a crash interrupted", removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
