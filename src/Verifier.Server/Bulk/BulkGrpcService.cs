using Grpc.Core;
using Verifier.Server.Identity;
using Verifier.V1;

namespace Verifier.Server.Bulk;

/// <summary>The BulkService RPCs: streams run in <see cref="PackStream"/>, jobs in <see cref="BulkJobs"/>.</summary>
internal sealed class BulkGrpcService(PackStream stream, BulkJobs jobs) : BulkService.BulkServiceBase
{
    public override Task StreamPackOperations(
        IAsyncStreamReader<StreamPackOperationsRequest> requestStream, IServerStreamWriter<StreamPackOperationsResponse> responseStream,
        ServerCallContext context) =>
        stream.RunAsync(Caller.Of(context), requestStream, responseStream, context.CancellationToken);

    public override Task<SubmitBulkJobResponse> SubmitBulkJob(SubmitBulkJobRequest request, ServerCallContext context) =>
        jobs.SubmitAsync(Caller.Of(context), request, context.CancellationToken);

    public override Task<GetBulkJobResponse> GetBulkJob(GetBulkJobRequest request, ServerCallContext context) =>
        jobs.GetAsync(Caller.Of(context), request, context.CancellationToken);
}
