using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Verifier.Core.Packs;
using Verifier.Server.Identity;
using Verifier.Storage;
using Verifier.V1;

namespace Verifier.Server.Bulk;

/// <summary>
/// Submitting and reading durable bulk jobs. A submit only stores the job (one transaction) and
/// wakes this instance's <see cref="BulkJobRunner"/>; whichever instance claims it runs it. A job
/// is visible to its submitter only: anyone else is told it does not exist.
/// </summary>
internal sealed class BulkJobs(IBulkJobStore store, BulkJobRunner runner, TimeProvider clock)
{
    public const int MaxOperations = 10_000;
    private const int MaxClientJobIdLength = 64;
    private const int DefaultPageSize = 1000;
    private const int MaxPageSize = 5000;

    public async Task<SubmitBulkJobResponse> SubmitAsync(Caller caller, SubmitBulkJobRequest request, CancellationToken cancellationToken)
    {
        if (request.ClientJobId.Length is 0 or > MaxClientJobIdLength)
        {
            throw Invalid($"client_job_id is required (1 to {MaxClientJobIdLength} characters); resubmitting the same id returns the same job.");
        }
        if (request.Operations.Count == 0) throw Invalid("operations is empty: a bulk job needs 1 to 10,000 operations.");
        if (request.Operations.Count > MaxOperations)
        {
            throw Invalid($"A bulk job takes at most {MaxOperations:N0} operations; this one has {request.Operations.Count:N0}. Split it into several jobs.");
        }
        var now = clock.GetUtcNow();
        var job = await store.SubmitAsync(new BulkJobSubmission(
            Identifiers.NewBulkJobId(now), caller.ClientId, request.ClientJobId, now, request.Operations.Select(o => o.ToByteArray()).ToList()),
            cancellationToken);
        runner.Wake();
        return new SubmitBulkJobResponse { JobId = job.JobId, Total = job.Total };
    }

    public async Task<GetBulkJobResponse> GetAsync(Caller caller, GetBulkJobRequest request, CancellationToken cancellationToken)
    {
        var job = await store.FindAsync(request.JobId, cancellationToken);
        // The same answer for someone else's job as for none: job ids are not for probing.
        if (job is null || job.ClientId != caller.ClientId)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"You have no bulk job '{request.JobId}' (results are kept for a limited time after a job finishes)."));
        }
        var response = new GetBulkJobResponse
        {
            JobId = job.JobId,
            ClientJobId = job.ClientJobId,
            State = job.FinishedAt is not null ? BulkJobState.Done : job.LeaseOwner is not null || job.Done > 0 ? BulkJobState.Running : BulkJobState.Queued,
            Total = job.Total,
            Done = job.Done,
            SubmittedAt = Timestamp.FromDateTimeOffset(job.SubmittedAt),
            FinishedAt = job.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
        };
        foreach (var count in await store.SummaryAsync(job.JobId, cancellationToken))
        {
            var outcome = (Core.Packs.Outcome)count.Outcome;
            response.Summary.Add(new OutcomeCount
            {
                Outcome = (V1.Outcome)count.Outcome,
                NationalCode = count.Outcome == 0 ? "" : outcome.NationalCode(),
                Count = count.Count,
            });
        }
        var offset = Math.Max(0, request.ResultOffset);
        response.NextResultOffset = offset;
        if (!request.SummaryOnly)
        {
            var size = request.PageSize <= 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
            var rows = await store.ResultsAsync(job.JobId, offset, size, cancellationToken);
            response.Results.AddRange(rows.Select(r => BulkItemResult.Parser.ParseFrom(r.Result)));
            response.NextResultOffset = offset + rows.Count;
        }
        return response;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
