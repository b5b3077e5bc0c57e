using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// SQLite's single writer. Work items queue up while a commit is running and are then applied
/// together in one transaction, one savepoint each: throughput grows with load instead of being one
/// commit per request. A failing item is rolled back to its savepoint and fails alone; a failing
/// commit fails every item of its group, none acknowledged. Bulk items (thousands of rows) go one
/// per group, after the small items: a pack command waits for at most one upload chunk, however
/// many uploads are running.
/// <para>
/// The commit itself only writes the write-ahead log; the sync to disk runs on a thread of its own
/// (<see cref="WalSync"/>) while the writer applies the next group, so the writer never waits for
/// the disk. Every commit is followed by a sync; work of <see cref="Durability.Full"/> is acknowledged
/// once a sync that started after its commit has finished, <see cref="Durability.Delayed"/> work as
/// soon as it is committed. Measured
/// before this split (docs/latency.md): the writer spent more time waiting for its fsync than applying
/// work, and verify throughput was bounded by that.
/// </para>
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxGroupSize = 512;

    private readonly SqliteConnection _connection;
    private readonly Channel<WorkItem> _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Task _loop;
    private readonly WalSync _sync;

    internal GroupCommitter(SqliteConnection connection, string databasePath)
    {
        _connection = connection;
        _sync = new WalSync(databasePath + "-wal");
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>Commits so far and the items they carried, for metrics and benchmarks.</summary>
    public long Commits { get; private set; }

    public long Items { get; private set; }

    /// <summary>Syncs of the write-ahead log so far.</summary>
    public long Syncs => _sync.Syncs;

    /// <summary>
    /// Runs <paramref name="work"/> inside the next group transaction; completes once that transaction
    /// is committed and, for <see cref="Durability.Full"/> (the default), synced to disk.
    /// </summary>
    public Task<T> RunAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken, Durability durability = Durability.Full) =>
        EnqueueAsync(new WorkItem<T>(work, bulk: false, durability), cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/> for work that writes thousands of rows (an upload chunk, a
    /// batch delete): it never shares a group with another bulk item. Small items queued after it
    /// may commit before it; order holds only between items a caller awaits one after the other.
    /// </summary>
    public Task<T> RunBulkAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(new WorkItem<T>(work, bulk: true, Durability.Full), cancellationToken);

    private async Task<T> EnqueueAsync<T>(WorkItem<T> item, CancellationToken cancellationToken)
    {
        using var span = StoreTelemetry.Source.StartActivity("store.commit");
        try
        {
            item.Timings.Queued = Stopwatch.GetTimestamp();
            await _queue.Writer.WriteAsync(item, cancellationToken);
            return await item.Completion.Task;
        }
        catch (Exception exception) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        finally
        {
            item.Timings.Record();
        }
    }

    private void Run()
    {
        var group = new List<WorkItem>(MaxGroupSize + 1);
        // Bulk items read while the group already had one; at most one per running upload or delete.
        var bulkWaiting = new Queue<WorkItem>();
        while (bulkWaiting.Count > 0 || _queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            bulkWaiting.TryDequeue(out var bulk);
            while (group.Count < MaxGroupSize && _queue.Reader.TryRead(out var item))
            {
                if (!item.Bulk) group.Add(item);
                else if (bulk is null) bulk = item;
                else bulkWaiting.Enqueue(item);
            }
            if (bulk is not null) group.Add(bulk);
            Commit(group);
        }
    }

    private void Commit(List<WorkItem> group)
    {
        var inLog = false;
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var item in group)
            {
                item.Timings.Applying = Stopwatch.GetTimestamp();
                PreparedStatements.Get(_connection, transaction, "SAVEPOINT item;").ExecuteNonQuery();
                try
                {
                    item.Apply(_connection, transaction);
                    PreparedStatements.Get(_connection, transaction, "RELEASE item;").ExecuteNonQuery();
                }
                catch (Exception exception)
                {
                    _connection.Execute("ROLLBACK TO item; RELEASE item;", transaction: transaction);
                    item.Fail(exception);
                }
                item.Timings.Applied = Stopwatch.GetTimestamp();
            }
            var committing = Stopwatch.GetTimestamp();
            transaction.Commit();
            var committed = Stopwatch.GetTimestamp();
            foreach (var item in group)
            {
                item.Timings.Committing = committing;
                item.Timings.Committed = committed;
                item.Timings.GroupSize = group.Count;
            }
            Commits++;
            Items += group.Count;
            inLog = true;
        }
        catch (Exception exception)
        {
            foreach (var item in group) item.Fail(exception);
        }
        // A failed item has nothing on disk to wait for.
        List<WorkItem>? toSync = null;
        foreach (var item in group)
        {
            if (item.Durability == Durability.Full && !item.Failed) (toSync ??= []).Add(item);
            else item.Acknowledge();
        }
        if (inLog) _sync.SyncAfterCommit(toSync);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _sync.Dispose();
        PreparedStatements.Release(_connection);
        await _connection.DisposeAsync();
    }

    internal abstract class WorkItem(bool bulk, Durability durability)
    {
        public bool Bulk { get; } = bulk;

        public Durability Durability { get; } = durability;

        public abstract bool Failed { get; }

        /// <summary>A field, not a property: the writer fills the struct in place.</summary>
        public WriterTimings Timings;

        public abstract void Apply(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Fail(Exception exception);

        public abstract void Acknowledge();
    }

    private sealed class WorkItem<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool bulk, Durability durability) : WorkItem(bulk, durability)
    {
        private T? _result;
        private Exception? _failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override bool Failed => _failure is not null;

        public override void Fail(Exception exception) => _failure = exception;

        // Results are released only after the commit (and the sync its durability asks for), never while they could still be lost.
        public override void Acknowledge()
        {
            if (_failure is null) Completion.TrySetResult(_result!);
            else Completion.TrySetException(_failure);
        }
    }
}
