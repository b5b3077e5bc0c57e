namespace Verifier.Storage.Sqlite;

/// <summary>When the single writer acknowledges a piece of work (docs/latency.md).</summary>
public enum Durability
{
    /// <summary>After the write-ahead log holding its commit is synced to disk: survives a crash of the process and of the machine.</summary>
    Full,

    /// <summary>
    /// As soon as its commit is written to the write-ahead log (in the operating system's page cache), before the sync: survives a
    /// crash of the process; a power loss may lose it if it strikes before the next sync, which starts at once after every commit
    /// (SQL Server's DELAYED_DURABILITY). Only for records whose loss changes no pack: the audit rows of status checks.
    /// </summary>
    Delayed,
}
