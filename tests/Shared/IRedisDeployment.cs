namespace Verifier.Testing;

/// <summary>
/// The Redis a test runs servers against, one redis-server or a cluster of them, so one test can
/// run on both: where to connect and how to make all of it hang.
/// </summary>
public interface IRedisDeployment : IAsyncDisposable
{
    /// <summary>The StackExchange.Redis configuration string naming every endpoint.</summary>
    string Configuration { get; }

    /// <summary>Every redis-server process, for signals a test sends to single nodes.</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>SIGSTOP to every process: the data stays, nothing answers (a hung or partitioned Redis).</summary>
    void Pause();

    /// <summary>SIGCONT to every process after <see cref="Pause"/>: the old data is back.</summary>
    void Resume();
}
