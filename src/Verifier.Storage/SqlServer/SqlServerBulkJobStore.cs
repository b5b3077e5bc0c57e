using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// Bulk jobs on SQL Server, shared by every instance. A claim is one UPDATE of the oldest free job
/// under UPDLOCK/READPAST, so two instances never claim one job; a result flush checks the lease
/// under an update lock on the job row first. Items and results travel by SqlBulkCopy: a job of
/// 10,000 items is a handful of round trips, not one per item.
/// </summary>
public sealed class SqlServerBulkJobStore(SqlServerDatabase database) : IBulkJobStore
{
    internal const string FindByClientJobSql =
        """
        SELECT job_id, client_id, client_job_id, total, done, submitted_at, finished_at, lease_owner, lease_until
        FROM bulk_jobs WITH (UPDLOCK, HOLDLOCK) WHERE client_id = @ClientId AND client_job_id = @ClientJobId;
        """;

    internal const string InsertJobSql =
        """
        INSERT INTO bulk_jobs (job_id, client_id, client_job_id, total, done, submitted_at)
        VALUES (@JobId, @ClientId, @ClientJobId, @total, 0, @at);
        """;

    internal const string FindSql =
        """
        SELECT job_id, client_id, client_job_id, total, done, submitted_at, finished_at, lease_owner, lease_until
        FROM bulk_jobs WHERE job_id = @jobId;
        """;

    // READPAST skips a job another instance is claiming right now; the outer conditions are
    // checked again under the update lock, so a job claimed meanwhile is never claimed twice.
    internal const string ClaimSql =
        """
        UPDATE bulk_jobs SET lease_owner = @owner, lease_until = @until
        OUTPUT inserted.job_id, inserted.client_id, inserted.client_job_id, inserted.total, inserted.done, inserted.submitted_at,
            inserted.finished_at, inserted.lease_owner, inserted.lease_until
        WHERE job_id = (
                SELECT TOP (1) job_id FROM bulk_jobs WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < @at)
                ORDER BY submitted_at)
            AND finished_at IS NULL AND (lease_until IS NULL OR lease_until < @at);
        """;

    internal const string PendingItemsSql = "SELECT idx, operation FROM bulk_items WHERE job_id = @jobId AND outcome IS NULL ORDER BY idx;";

    internal const string LeaseHolderSql =
        "SELECT lease_owner FROM bulk_jobs WITH (UPDLOCK, ROWLOCK) WHERE job_id = @jobId AND finished_at IS NULL;";

    internal const string CreateResultsTableSql =
        "CREATE TABLE #bulk_results (idx int NOT NULL PRIMARY KEY, outcome int NOT NULL, result varbinary(max) NOT NULL);";

    internal const string ApplyResultsSql =
        """
        UPDATE bulk_items SET outcome = r.outcome, result = r.result
        FROM bulk_items JOIN #bulk_results r ON r.idx = bulk_items.idx
        WHERE bulk_items.job_id = @jobId AND bulk_items.outcome IS NULL;
        SELECT @@ROWCOUNT;
        """;

    internal const string DropResultsTableSql = "DROP TABLE #bulk_results;";

    internal const string AdvanceJobSql =
        """
        UPDATE bulk_jobs SET done = done + @stored, lease_until = @until,
            finished_at = CASE WHEN done + @stored >= total THEN @at END,
            lease_owner = CASE WHEN done + @stored >= total THEN NULL ELSE lease_owner END
        WHERE job_id = @jobId;
        """;

    internal const string ResultsSql =
        """
        SELECT idx, outcome, result FROM bulk_items WHERE job_id = @jobId AND outcome IS NOT NULL
        ORDER BY idx OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY;
        """;

    internal const string SummarySql =
        "SELECT outcome, COUNT(*) FROM bulk_items WHERE job_id = @jobId AND outcome IS NOT NULL GROUP BY outcome ORDER BY outcome;";

    internal const string PurgeSql =
        """
        DELETE FROM bulk_items WHERE job_id IN (SELECT job_id FROM bulk_jobs WHERE finished_at < @before);
        DELETE FROM bulk_jobs WHERE finished_at < @before;
        SELECT @@ROWCOUNT;
        """;

    public Task<BulkJobRecord> SubmitAsync(BulkJobSubmission job, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            // The key-range lock of UPDLOCK, HOLDLOCK makes a concurrent submit of the same client job id wait, then find this one.
            var earlier = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(FindByClientJobSql,
                new { job.ClientId, job.ClientJobId }, transaction, cancellationToken: cancellationToken));
            if (earlier is not null) return earlier.ToRecord();
            await connection.ExecuteAsync(new CommandDefinition(InsertJobSql,
                new { job.JobId, job.ClientId, job.ClientJobId, total = job.Operations.Count, at = job.SubmittedAt.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken));
            var items = new DataTable();
            items.Columns.Add("job_id", typeof(string));
            items.Columns.Add("idx", typeof(int));
            items.Columns.Add("operation", typeof(byte[]));
            for (var i = 0; i < job.Operations.Count; i++) items.Rows.Add(job.JobId, i, job.Operations[i]);
            using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = "bulk_items", BatchSize = items.Rows.Count };
            foreach (DataColumn column in items.Columns) copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            await copy.WriteToServerAsync(items, cancellationToken);
            return new BulkJobRecord(job.JobId, job.ClientId, job.ClientJobId, job.Operations.Count, 0, job.SubmittedAt, null, null, null);
        }, cancellationToken);

    public Task<BulkJobRecord?> FindAsync(string jobId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(FindSql, new { jobId }, cancellationToken: cancellationToken)))?.ToRecord(),
            cancellationToken);

    public Task<BulkJobRecord?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
            (await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(ClaimSql,
                new { owner, at = now.ToUnixTimeMilliseconds(), until = (now + lease).ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)))?.ToRecord(),
            cancellationToken);

    public Task<IReadOnlyList<BulkJobItem>> PendingItemsAsync(string jobId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<BulkJobItem>>(async connection =>
        {
            var rows = await connection.QueryAsync<(int Index, byte[] Operation)>(
                new CommandDefinition(PendingItemsSql, new { jobId }, cancellationToken: cancellationToken));
            return rows.Select(r => new BulkJobItem(r.Index, r.Operation)).ToList();
        }, cancellationToken);

    public Task<bool> RecordResultsAsync(
        string jobId, string owner, IReadOnlyList<BulkItemResultRow> results, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var holder = await connection.QuerySingleOrDefaultAsync<string?>(
                new CommandDefinition(LeaseHolderSql, new { jobId }, transaction, cancellationToken: cancellationToken));
            if (holder != owner) return false;
            var stored = 0;
            if (results.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(CreateResultsTableSql, transaction: transaction, cancellationToken: cancellationToken));
                var rows = new DataTable();
                rows.Columns.Add("idx", typeof(int));
                rows.Columns.Add("outcome", typeof(int));
                rows.Columns.Add("result", typeof(byte[]));
                foreach (var row in results) rows.Rows.Add(row.Index, row.Outcome, row.Result);
                using (var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = "#bulk_results", BatchSize = rows.Rows.Count })
                {
                    foreach (DataColumn column in rows.Columns) copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
                    await copy.WriteToServerAsync(rows, cancellationToken);
                }
                stored = await connection.ExecuteScalarAsync<int>(new CommandDefinition(ApplyResultsSql, new { jobId }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DropResultsTableSql, transaction: transaction, cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition(AdvanceJobSql,
                new { jobId, stored, until = (now + lease).ToUnixTimeMilliseconds(), at = now.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<BulkItemResultRow>> ResultsAsync(string jobId, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<BulkItemResultRow>>(async connection =>
        {
            var rows = await connection.QueryAsync<(int Index, int Outcome, byte[] Result)>(
                new CommandDefinition(ResultsSql, new { jobId, offset, limit }, cancellationToken: cancellationToken));
            return rows.Select(r => new BulkItemResultRow(r.Index, r.Outcome, r.Result)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<BulkOutcomeCount>> SummaryAsync(string jobId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<BulkOutcomeCount>>(async connection =>
        {
            var rows = await connection.QueryAsync<(int Outcome, int Count)>(new CommandDefinition(SummarySql, new { jobId }, cancellationToken: cancellationToken));
            return rows.Select(r => new BulkOutcomeCount(r.Outcome, r.Count)).ToList();
        }, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteScalarAsync<int>(new CommandDefinition(PurgeSql, new { before = finishedBefore.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)),
            cancellationToken);

#pragma warning disable IDE1006 // Column names, as Dapper maps them.
    private sealed class JobRow
    {
        public string job_id { get; init; } = "";
        public string client_id { get; init; } = "";
        public string client_job_id { get; init; } = "";
        public int total { get; init; }
        public int done { get; init; }
        public long submitted_at { get; init; }
        public long? finished_at { get; init; }
        public string? lease_owner { get; init; }
        public long? lease_until { get; init; }

        public BulkJobRecord ToRecord() => new(
            job_id, client_id, client_job_id, total, done, DateTimeOffset.FromUnixTimeMilliseconds(submitted_at),
            finished_at is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, lease_owner,
            lease_until is { } u ? DateTimeOffset.FromUnixTimeMilliseconds(u) : null);
    }
#pragma warning restore IDE1006
}
