using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection and thread of its own.
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, so every
/// thousandth page or so one group of requests waited for a checkpoint and two syncs; here the
/// writer never does (its wal_autocheckpoint is 0). A passive checkpoint takes no lock that the
/// writer or the readers wait for; when it cannot copy everything (a reader still uses old frames)
/// the next round goes on from there.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection _connection;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public WalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        // Syncs the log before copying it and the database file after: a checkpoint never loses a frame.
        _connection.Execute("PRAGMA synchronous=FULL;");
        _thread = new Thread(Run) { IsBackground = true, Name = "Verifier WAL checkpoint" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stop.Wait(Interval))
        {
            try
            {
                _connection.Execute("PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (SqliteException)
            {
                // Busy (another instance's checkpoint on the same file): the next round tries again.
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _connection.Dispose();
        _stop.Dispose();
    }
}
