using System.Diagnostics;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Syncs the write-ahead log to disk on a thread of its own and then acknowledges the work that
/// waited for it: while the disk works the writer already applies the next group. Every sync starts
/// after the commits of the work it acknowledges returned, so their log frames are in the file; a
/// sync flushes the whole file, frames of other writers (instances sharing the file) included.
/// The writer commits with synchronous=NORMAL, so SQLite itself syncs only around checkpoints (WalCheckpointer).
/// </summary>
internal sealed class WalSync : IDisposable
{
    private readonly string _walPath;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private List<GroupCommitter.WorkItem> _waiting = [];
    private bool _requested;
    private bool _stopping;
    private FileStream? _wal;
    private long _syncs;

    public WalSync(string walPath)
    {
        _walPath = walPath;
        _thread = new Thread(Run) { IsBackground = true, Name = "Verifier WAL sync" };
        _thread.Start();
    }

    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>
    /// Called after every commit: a sync starts as soon as the running one (if any) ends, so delayed
    /// work reaches the disk within about two syncs of its commit; <paramref name="waiting"/> (fully
    /// durable work of that commit) is acknowledged after that sync, never after one already running.
    /// </summary>
    public void SyncAfterCommit(List<GroupCommitter.WorkItem>? waiting)
    {
        lock (_gate)
        {
            if (waiting is not null) _waiting.AddRange(waiting);
            _requested = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        while (true)
        {
            List<GroupCommitter.WorkItem> waited;
            lock (_gate)
            {
                while (!_requested && !_stopping) Monitor.Wait(_gate);
                if (!_requested) return;
                waited = _waiting;
                _waiting = [];
                _requested = false;
            }
            try
            {
                // Opened at the first sync: the log exists once the writer has committed something. Write access only because
                // FileStream syncs writable files alone; nothing is written through this handle.
                _wal ??= new FileStream(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                var syncing = Stopwatch.GetTimestamp();
                _wal.Flush(flushToDisk: true);
                var synced = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _syncs);
                foreach (var item in waited)
                {
                    item.Timings.Syncing = syncing;
                    item.Timings.Synced = synced;
                }
            }
            catch (Exception exception)
            {
                // Committed but not known to be on disk: the request fails, and a retry with the same client transaction id
                // gets the committed answer.
                foreach (var item in waited) item.Fail(exception);
            }
            foreach (var item in waited) item.Acknowledge();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
        _wal?.Dispose();
    }
}
