using Microsoft.Extensions.Options;
using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>
/// Removes what abandoned uploads left in the store: at start-up, before the first request (hosted
/// services start before the web server), and then periodically, because with several instances
/// the one whose upload broke may never restart. An upload streaming into any instance touches its
/// row, so only uploads idle for <see cref="UploadOptions.AbandonedAfter"/> go.
/// </summary>
internal sealed class UnfinishedUploadCleanup(IMasterDataStore store, IOptions<VerifierOptions> options, ILogger<UnfinishedUploadCleanup> logger)
    : BackgroundService
{
    private TimeSpan AbandonedAfter => options.Value.Uploads.AbandonedAfter;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RemoveAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(AbandonedAfter.Ticks / 2, TimeSpan.TicksPerSecond)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RemoveAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store may be briefly unreachable; the next tick tries again.
                logger.LogWarning(exception, "Removing abandoned uploads failed");
            }
        }
    }

    private async Task RemoveAsync(CancellationToken cancellationToken)
    {
        var removed = await store.RemoveUnfinishedUploadsAsync(AbandonedAfter, cancellationToken);
        if (removed > 0) logger.LogWarning("Removed {Count} batches left by abandoned uploads", removed);
    }
}
