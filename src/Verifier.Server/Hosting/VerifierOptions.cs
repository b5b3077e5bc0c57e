using Verifier.Storage.Sqlite;

namespace Verifier.Server.Hosting;

/// <summary>The service's configuration (section "Verifier"); every default is the embedded single-machine run.</summary>
public sealed class VerifierOptions
{
    public const string Section = "Verifier";

    /// <summary>The market this national system serves (ISO 3166-1 alpha-2); withdrawals elsewhere do not change its answers.</summary>
    public string Market { get; set; } = "DE";

    public StorageOptions Storage { get; set; } = new();

    public CacheOptions Cache { get; set; } = new();

    public RuleOptions Rules { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public UploadOptions Uploads { get; set; } = new();

    public BulkOptions Bulk { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    public IdentityOptions Identity { get; set; } = new();

    public StreamOptions Streams { get; set; } = new();

    public ConnectionOptions Connections { get; set; } = new();

    /// <summary>Seeds the documented demo clients and keys (never in production).</summary>
    public bool Demo { get; set; }
}

public sealed class StorageOptions
{
    /// <summary>"Sqlite" (embedded default) or "SqlServer".</summary>
    public string Provider { get; set; } = "Sqlite";

    public string SqlitePath { get; set; } = "data/verifier.db";

    /// <summary>Connection string of the SQL Server database for Provider = "SqlServer" (docs/sqlserver.md).</summary>
    public string? SqlServer { get; set; }

    /// <summary>
    /// SQLite: when a status check's audit row is acknowledged. Delayed: once written to the log, before the
    /// sync (survives a process crash; a power loss may take the last sync interval's status-check rows, never a
    /// state change). Full: after the sync, like every state change. See docs/latency.md.
    /// </summary>
    public Durability StatusCheckDurability { get; set; } = Durability.Delayed;
}

public sealed class CacheOptions
{
    /// <summary>"Embedded" (in-process Garnet on loopback), "Redis" (any Redis endpoint), or "None".</summary>
    public string Mode { get; set; } = "Embedded";

    /// <summary>StackExchange.Redis configuration string for Mode = Redis, e.g. "redis1:6379,redis2:6379".</summary>
    public string? Redis { get; set; }

    /// <summary>Loopback port of the embedded Garnet server (0: any free port).</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Memory bound of the embedded Garnet server; when full, the oldest entries are dropped.</summary>
    public int EmbeddedMemoryMegabytes { get; set; } = 256;

    /// <summary>How long a pack's status stays cached after it was last written (bounds Redis memory).</summary>
    public TimeSpan PackTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long one cache command may take before it counts as a fault (a read becomes a miss, a write
    /// unanswered). Well below the 300 ms answer budget of DR Art 35: a slow cache is worse than none.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Answer status checks (Verify) from a cache hit without reading the pack from SQL, when the
    /// store confirms in the same transaction as the audit row that the hit was cached in the current
    /// cache epoch. Sound with any number of instances (docs/cache-coherence.md); turn it off only
    /// when something other than Verifier instances writes the store.
    /// </summary>
    public bool AnswerVerifyFromCache { get; set; } = true;
}

public sealed class UploadOptions
{
    /// <summary>
    /// An unfinished upload not touched for this long is abandoned (its stream broke or its instance
    /// died) and removed by whichever instance looks next; a live stream touches it far more often.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class BulkOptions
{
    /// <summary>How long a finished job's results stay fetchable; then any instance purges them.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Operations of one stream running at once; beyond that the server stops reading the stream.</summary>
    public int StreamInFlight { get; set; } = 64;

    /// <summary>Items of one job running at once: enough for the SQLite group committer to batch hundreds per commit.</summary>
    public int JobConcurrency { get; set; } = 128;

    /// <summary>
    /// How long a claimed job stays with its instance without a renewal (renewed at every result
    /// flush and at least every third of this); after that another instance takes it over.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle instance looks for unclaimed jobs (a submit on the same instance wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bulk items count against the client's rate limit at this share (one permit per this many
    /// packs): a batched item costs the service a fraction of a single call. Over the limit, bulk
    /// items wait for permits instead of being refused.
    /// </summary>
    public int PacksPerPermit { get; set; } = 10;
}

/// <summary>Per-client token bucket; the defaults leave a busy pharmacy (a few scans a second) far below the limit.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 50;

    public int Burst { get; set; } = 200;
}

public sealed class RuleOptions
{
    /// <summary>IANA time zone of the market: expiry dates are judged by its calendar.</summary>
    public string MarketTimeZone { get; set; } = "Europe/Berlin";

    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromDays(10);

    public TimeSpan DoubleScanWindow { get; set; } = TimeSpan.FromMinutes(30);

    public int DoubleScanTolerance { get; set; } = 3;

    /// <summary>How long after it was performed a deferred operation (DR Art 29) is still accepted; see <c>PackRulesPolicy.MaxDeferral</c>.</summary>
    public TimeSpan MaxDeferral { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How far ahead of ours a terminal's clock may run when it sends a performed time.</summary>
    public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromMinutes(2);
}
