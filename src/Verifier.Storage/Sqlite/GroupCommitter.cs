using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// SQLite's single writer. Work items queue up while a commit is running and are then applied
/// together in one transaction, one savepoint each, and made durable with one fsync: throughput
/// grows with load instead of being one fsync per request. A failing item is rolled back to its
/// savepoint and fails alone; a failing commit fails every item of its group, none acknowledged.
/// Bulk items (thousands of rows) go one per group, after the small items: a pack command waits
/// for at most one upload chunk, however many uploads are running.
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

    internal GroupCommitter(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>Commits so far and the items they carried, for metrics and benchmarks.</summary>
    public long Commits { get; private set; }

    public long Items { get; private set; }

    /// <summary>Runs <paramref name="work"/> inside the next group transaction; completes once that transaction is durable.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(new WorkItem<T>(work, bulk: false), cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/> for work that writes thousands of rows (an upload chunk, a
    /// batch delete): it never shares a group with another bulk item. Small items queued after it
    /// may commit before it; order holds only between items a caller awaits one after the other.
    /// </summary>
    public Task<T> RunBulkAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        EnqueueAsync(new WorkItem<T>(work, bulk: true), cancellationToken);

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
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var item in group)
            {
                item.Timings.Applying = Stopwatch.GetTimestamp();
                WriterStatements.Get(_connection, transaction, "SAVEPOINT item;").ExecuteNonQuery();
                try
                {
                    item.Apply(_connection, transaction);
                    WriterStatements.Get(_connection, transaction, "RELEASE item;").ExecuteNonQuery();
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
        }
        catch (Exception exception)
        {
            foreach (var item in group) item.Fail(exception);
        }
        foreach (var item in group) item.Acknowledge();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        WriterStatements.Release(_connection);
        await _connection.DisposeAsync();
    }

    private abstract class WorkItem(bool bulk)
    {
        public bool Bulk { get; } = bulk;

        /// <summary>A field, not a property: the writer fills the struct in place.</summary>
        public WriterTimings Timings;

        public abstract void Apply(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Fail(Exception exception);

        public abstract void Acknowledge();
    }

    private sealed class WorkItem<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool bulk) : WorkItem(bulk)
    {
        private T? _result;
        private Exception? _failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Fail(Exception exception) => _failure = exception;

        // Results are released only after the commit, so nobody sees an answer that could still be lost.
        public override void Acknowledge()
        {
            if (_failure is null) Completion.TrySetResult(_result!);
            else Completion.TrySetException(_failure);
        }
    }
}
