using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Verifier.Cli.Client;

/// <summary>
/// Gives every call the API key and a deadline. The deadline is taken when the call starts, so
/// each call of a long command (one per batch in an upload) has the whole --timeout, and a server
/// that never answers ends the call with DEADLINE_EXCEEDED instead of hanging the command line.
/// </summary>
internal sealed class CallDefaults(string? apiKey, TimeSpan timeout) : Interceptor
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, With(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(With(context));

    private ClientInterceptorContext<TRequest, TResponse> With<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var options = context.Options;
        if (!string.IsNullOrEmpty(apiKey))
        {
            // A copy: the caller's Metadata may be reused for its next call.
            var headers = new Metadata();
            foreach (var entry in options.Headers ?? []) headers.Add(entry);
            headers.Add("x-api-key", apiKey);
            options = options.WithHeaders(headers);
        }
        options = options.WithDeadline(DateTime.UtcNow + timeout);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
    }
}
