using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// Bulk jobs on SQLite. Every write goes through the group committer, whose single writer (and the
/// file's write lock across processes) makes a claim's check-and-set atomic.
/// </summary>
public sealed class SqliteBulkJobStore(SqliteDatabase database) : IBulkJobStore
{
    private const string JobColumns =
        "job_id, client_id, client_job_id, total, done, submitted_at, finished_at, lease_owner, lease_until";

    public Task<BulkJobRecord> SubmitAsync(BulkJobSubmission job, CancellationToken cancellationToken) =>
        database.Writer.RunBulkAsync((connection, transaction) =>
        {
            var earlier = connection.QuerySingleOrDefault<JobRow>(
                $"SELECT {JobColumns} FROM bulk_jobs WHERE client_id = @ClientId AND client_job_id = @ClientJobId",
                new { job.ClientId, job.ClientJobId }, transaction);
            if (earlier is not null) return earlier.ToRecord();

            connection.Execute(
                """
                INSERT INTO bulk_jobs (job_id, client_id, client_job_id, total, done, submitted_at)
                VALUES (@JobId, @ClientId, @ClientJobId, @total, 0, @at)
                """,
                new { job.JobId, job.ClientId, job.ClientJobId, total = job.Operations.Count, at = job.SubmittedAt.ToUnixTimeMilliseconds() },
                transaction);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO bulk_items (job_id, idx, operation) VALUES ($job, $idx, $operation)";
            insert.Parameters.AddWithValue("$job", job.JobId);
            var index = insert.Parameters.Add("$idx", SqliteType.Integer);
            var operation = insert.Parameters.Add("$operation", SqliteType.Blob);
            for (var i = 0; i < job.Operations.Count; i++)
            {
                index.Value = i;
                operation.Value = job.Operations[i];
                insert.ExecuteNonQuery();
            }
            return new BulkJobRecord(job.JobId, job.ClientId, job.ClientJobId, job.Operations.Count, 0, job.SubmittedAt, null, null, null);
        }, cancellationToken);

    public async Task<BulkJobRecord?> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {JobColumns} FROM bulk_jobs WHERE job_id = @jobId", new { jobId });
        return row?.ToRecord();
    }

    public Task<BulkJobRecord?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) =>
        {
            var at = now.ToUnixTimeMilliseconds();
            var row = connection.QuerySingleOrDefault<JobRow>(
                $"""
                SELECT {JobColumns} FROM bulk_jobs
                WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < @at)
                ORDER BY submitted_at LIMIT 1
                """,
                new { at }, transaction);
            if (row is null) return null;
            var until = (now + lease).ToUnixTimeMilliseconds();
            connection.Execute("UPDATE bulk_jobs SET lease_owner = @owner, lease_until = @until WHERE job_id = @job_id",
                new { owner, until, row.job_id }, transaction);
            return (row with { lease_owner = owner, lease_until = until }).ToRecord();
        }, cancellationToken);

    public async Task<IReadOnlyList<BulkJobItem>> PendingItemsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Index, byte[] Operation)>(
            "SELECT idx, operation FROM bulk_items WHERE job_id = @jobId AND outcome IS NULL ORDER BY idx", new { jobId });
        return rows.Select(r => new BulkJobItem((int)r.Index, r.Operation)).ToList();
    }

    public Task<bool> RecordResultsAsync(
        string jobId, string owner, IReadOnlyList<BulkItemResultRow> results, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) =>
        {
            // Checked inside the write transaction: a lease taken over is never written through.
            var holder = connection.QuerySingleOrDefault<string?>("SELECT lease_owner FROM bulk_jobs WHERE job_id = @jobId AND finished_at IS NULL",
                new { jobId }, transaction);
            if (holder != owner) return false;

            var stored = 0;
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE bulk_items SET outcome = $outcome, result = $result WHERE job_id = $job AND idx = $idx AND outcome IS NULL";
                update.Parameters.AddWithValue("$job", jobId);
                var index = update.Parameters.Add("$idx", SqliteType.Integer);
                var outcome = update.Parameters.Add("$outcome", SqliteType.Integer);
                var result = update.Parameters.Add("$result", SqliteType.Blob);
                foreach (var row in results)
                {
                    index.Value = row.Index;
                    outcome.Value = row.Outcome;
                    result.Value = row.Result;
                    stored += update.ExecuteNonQuery();
                }
            }
            connection.Execute(
                """
                UPDATE bulk_jobs SET done = done + @stored, lease_until = @until,
                    finished_at = CASE WHEN done + @stored >= total THEN @at END,
                    lease_owner = CASE WHEN done + @stored >= total THEN NULL ELSE lease_owner END
                WHERE job_id = @jobId
                """,
                new { jobId, stored, until = (now + lease).ToUnixTimeMilliseconds(), at = now.ToUnixTimeMilliseconds() }, transaction);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<BulkItemResultRow>> ResultsAsync(string jobId, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Index, long Outcome, byte[] Result)>(
            """
            SELECT idx, outcome, result FROM bulk_items WHERE job_id = @jobId AND outcome IS NOT NULL
            ORDER BY idx LIMIT @limit OFFSET @offset
            """,
            new { jobId, offset, limit });
        return rows.Select(r => new BulkItemResultRow((int)r.Index, (int)r.Outcome, r.Result)).ToList();
    }

    public async Task<IReadOnlyList<BulkOutcomeCount>> SummaryAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Outcome, long Count)>(
            "SELECT outcome, COUNT(*) FROM bulk_items WHERE job_id = @jobId AND outcome IS NOT NULL GROUP BY outcome ORDER BY outcome",
            new { jobId });
        return rows.Select(r => new BulkOutcomeCount((int)r.Outcome, (int)r.Count)).ToList();
    }

    public Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        database.Writer.RunBulkAsync((connection, transaction) =>
        {
            var before = finishedBefore.ToUnixTimeMilliseconds();
            connection.Execute(
                "DELETE FROM bulk_items WHERE job_id IN (SELECT job_id FROM bulk_jobs WHERE finished_at < @before)", new { before }, transaction);
            return connection.Execute("DELETE FROM bulk_jobs WHERE finished_at < @before", new { before }, transaction);
        }, cancellationToken);

#pragma warning disable IDE1006 // Column names, as Dapper maps them.
    private sealed record JobRow
    {
        public string job_id { get; init; } = "";
        public string client_id { get; init; } = "";
        public string client_job_id { get; init; } = "";
        public long total { get; init; }
        public long done { get; init; }
        public long submitted_at { get; init; }
        public long? finished_at { get; init; }
        public string? lease_owner { get; init; }
        public long? lease_until { get; init; }

        public BulkJobRecord ToRecord() => new(
            job_id, client_id, client_job_id, (int)total, (int)done, DateTimeOffset.FromUnixTimeMilliseconds(submitted_at),
            finished_at is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, lease_owner,
            lease_until is { } u ? DateTimeOffset.FromUnixTimeMilliseconds(u) : null);
    }
#pragma warning restore IDE1006
}
