using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Verifier.Server.Hosting;

/// <summary>
/// A REST answer has no trailers, and JSON transcoding drops a refusal's, so what a gRPC client reads there (the national
/// code of a rate-limit refusal, the parser's problem codes of a malformed scan) goes out as response headers of the same
/// names. gRPC calls are left alone.
/// </summary>
internal sealed class RestRefusalHeaders : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException refusal) when (IsRest(context))
        {
            var headers = context.GetHttpContext().Response.Headers;
            foreach (var entry in refusal.Trailers.Where(e => !e.IsBinary)) headers.Append(entry.Key, entry.Value);
            throw;
        }
    }

    private static bool IsRest(ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;
}
