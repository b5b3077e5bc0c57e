using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Reader connections kept open for the store's life, each with its prepared statements
/// (<see cref="PreparedStatements"/>), for the reads on every request's path: a status check's
/// snapshot and the pack view. A connection from SQLite's own pool is a new object each time, so
/// its statements would be parsed on every read; measured, that parsing was most of a snapshot's
/// SQLite time (docs/latency.md).
/// <para>
/// A reader's page cache is dropped whenever the writer has committed since its last read, which
/// under load is nearly every read; the file is memory-mapped so that re-reading a page is a look
/// into the operating system's page cache rather than a copy through a read call.
/// </para>
/// </summary>
internal sealed class SnapshotReaders(Func<SqliteConnection> open) : IDisposable
{
    /// <summary>Connections kept idle at most; more are opened under a burst and closed after it.</summary>
    private const int MaxIdle = 64;

    /// <summary>The mapped span of the file: 64-bit address space is plentiful, so enough for a national store.</summary>
    private const long MmapBytes = 16L << 30;

    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private bool _disposed;

    public Lease Rent()
    {
        if (!_idle.TryTake(out var connection))
        {
            connection = open();
            connection.Execute($"PRAGMA mmap_size={MmapBytes};");
        }
        return new Lease(this, connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection)) Close(connection);
    }

    private void Return(SqliteConnection connection)
    {
        if (Volatile.Read(ref _disposed) || _idle.Count >= MaxIdle) Close(connection);
        else _idle.Add(connection);
    }

    private static void Close(SqliteConnection connection)
    {
        PreparedStatements.Release(connection);
        connection.Dispose();
    }

    public readonly struct Lease(SnapshotReaders readers, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => readers.Return(Connection);
    }
}
