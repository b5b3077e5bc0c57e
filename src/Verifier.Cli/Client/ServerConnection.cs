using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Verifier.Cli.Client;

/// <summary>
/// The options every command that talks to a running server shares (--server, --api-key, both
/// also from the environment), and the channel they open.
/// </summary>
internal sealed class ServerConnection
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static readonly Option<string> Server = new("--server")
    {
        Description = "Verifier server address (env VERIFIER_SERVER)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_SERVER") ?? DefaultServer,
        Recursive = true,
    };

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key sent as x-api-key (env VERIFIER_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_API_KEY"),
        Recursive = true,
    };

    /// <summary>Opens a channel that sends the API key with every call.</summary>
    public static (GrpcChannel Channel, CallInvoker Invoker) Open(ParseResult parse)
    {
        var channel = GrpcChannel.ForAddress(parse.GetValue(Server)!, new GrpcChannelOptions
        {
            MaxSendMessageSize = 16 * 1024 * 1024,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        var key = parse.GetValue(ApiKey);
        var invoker = string.IsNullOrEmpty(key)
            ? channel.CreateCallInvoker()
            : channel.Intercept(metadata =>
            {
                metadata.Add("x-api-key", key);
                return metadata;
            });
        return (channel, invoker);
    }

    /// <summary>Runs one command's calls on a fresh channel; an RPC failure is reported and exits 3.</summary>
    public static async Task<int> CallAsync(ParseResult parse, Func<CallInvoker, Task<int>> action)
    {
        var (channel, invoker) = Open(parse);
        using (channel)
        {
            try
            {
                return await action(invoker);
            }
            catch (RpcException exception)
            {
                return Report(exception, parse.InvocationConfiguration.Error);
            }
        }
    }

    /// <summary>Prints an RPC failure the way a user can act on it; exit code 3.</summary>
    public static int Report(RpcException exception, TextWriter error)
    {
        error.WriteLine($"error: {exception.StatusCode}: {exception.Status.Detail}");
        foreach (var trailer in exception.Trailers.Where(t => t.Key.StartsWith("verifier-", StringComparison.Ordinal)))
        {
            error.WriteLine($"  {trailer.Key}: {trailer.Value}");
        }
        if (exception.StatusCode == StatusCode.Unavailable) error.WriteLine("  Is the server running? Start it with the README's run command.");
        return 3;
    }
}
