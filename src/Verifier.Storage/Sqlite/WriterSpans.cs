using System.Diagnostics;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Where one work item's time went in the single writer: waiting in the queue behind other
/// groups, its own statements, the group's commit (written to the log), and, for fully durable
/// work, the sync of the log it waited for (shared with every group committed meanwhile).
/// The writer thread only takes timestamps; the spans are made afterwards on the caller's side,
/// under the caller's span, so the writer never deals with activities or listeners.
/// </summary>
internal struct WriterTimings
{
    public long Queued;
    public long Applying;
    public long Applied;
    public long Committing;
    public long Committed;
    public int GroupSize;
    public long Syncing;
    public long Synced;

    public readonly void Record()
    {
        // Committed stays 0 when the item never reached a commit (cancelled while queued, or the commit failed).
        if (Committed == 0 || !StoreTelemetry.Source.HasListeners()) return;
        var now = DateTimeOffset.UtcNow;
        var nowTicks = Stopwatch.GetTimestamp();
        Span("store.queue", Queued, Applying, now, nowTicks, groupSize: null);
        Span("store.apply", Applying, Applied, now, nowTicks, groupSize: null);
        Span("store.group_commit", Committing, Committed, now, nowTicks, GroupSize);
        if (Synced != 0) Span("store.sync", Syncing, Synced, now, nowTicks, groupSize: null);
    }

    private static void Span(string name, long from, long to, DateTimeOffset now, long nowTicks, int? groupSize)
    {
        using var span = StoreTelemetry.Source.StartActivity(name, ActivityKind.Internal, parentContext: default,
            startTime: now - Stopwatch.GetElapsedTime(from, nowTicks));
        if (span is null) return;
        // Items of one group share the commit: the size says how many.
        if (groupSize is { } size) span.SetTag("verifier.store.group_size", size);
        // Disposing stops it at this end time and restores the caller's span as the current one.
        span.SetEndTime((now - Stopwatch.GetElapsedTime(to, nowTicks)).UtcDateTime);
    }
}
