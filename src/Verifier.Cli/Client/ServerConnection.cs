using System.CommandLine;
using System.CommandLine.Parsing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Verifier.Cli.Client;

/// <summary>
/// The options every command that talks to a running server shares (--server, --api-key,
/// --timeout, all also from the environment), and the one way a command makes its calls.
/// </summary>
internal static class ServerConnection
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const int DefaultTimeoutSeconds = 30;

    public static readonly Option<string> Server = CreateServerOption();

    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key sent as x-api-key (env VERIFIER_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_API_KEY"),
        Recursive = true,
    };

    public static readonly Option<int> Timeout = CreateTimeoutOption();

    /// <summary>
    /// Runs one command's calls on a fresh channel. An RPC failure is reported and exits 3; a bad
    /// input file (<see cref="InvalidDataException"/>, thrown while the command reads it) exits 2.
    /// </summary>
    /// <param name="apiKey">Sent instead of --api-key: the demo always acts as the demo MAH.</param>
    /// <param name="hint">An extra line for a failure whose cause the command knows better.</param>
    public static async Task<int> CallAsync(
        ParseResult parse, Func<CallInvoker, Task<int>> action, string? apiKey = null, Func<RpcException, string?>? hint = null)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var channel = GrpcChannel.ForAddress(parse.GetValue(Server)!, new GrpcChannelOptions
            {
                MaxSendMessageSize = 16 * 1024 * 1024,
                MaxReceiveMessageSize = 16 * 1024 * 1024,
                HttpHandler = ClientCertificateOptions.Handler(parse),
            });
            var invoker = channel.Intercept(new CallDefaults(apiKey ?? parse.GetValue(ApiKey), TimeSpan.FromSeconds(parse.GetValue(Timeout))));
            return await action(invoker);
        }
        catch (RpcException exception)
        {
            var code = Report(exception, error);
            if (hint?.Invoke(exception) is { } line) await error.WriteLineAsync($"  {line}");
            return code;
        }
        catch (InvalidDataException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }

    /// <summary>Prints an RPC failure the way a user can act on it; exit code 3.</summary>
    private static int Report(RpcException exception, TextWriter error)
    {
        error.WriteLine($"error: {exception.StatusCode}{(exception.Status.Detail.Length > 0 ? ": " + exception.Status.Detail : "")}");
        foreach (var trailer in exception.Trailers.Where(t => t.Key.StartsWith("verifier-", StringComparison.Ordinal)))
        {
            error.WriteLine($"  {trailer.Key}: {trailer.Value}");
        }
        if (exception.StatusCode == StatusCode.Unavailable) error.WriteLine("  Is the server running? Start it with the README's run command.");
        if (exception.StatusCode == StatusCode.DeadlineExceeded) error.WriteLine("  No answer within --timeout seconds; raise it if the server is just slow.");
        return 3;
    }

    private static Option<string> CreateServerOption()
    {
        var option = new Option<string>("--server")
        {
            Description = "Verifier server address (env VERIFIER_SERVER)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_SERVER") ?? DefaultServer,
            Recursive = true,
        };
        // Validated here so a typo is a usage error (exit 2), not a crash when the channel opens;
        // validators also see the value taken from the environment.
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--server: '{value}' is not an absolute http:// or https:// address, e.g. {DefaultServer}.");
            }
        });
        return option;
    }

    private static Option<int> CreateTimeoutOption() => new("--timeout")
    {
        Description = "Seconds one server call may take, e.g. one batch of an upload (env VERIFIER_TIMEOUT)",
        DefaultValueFactory = result => Environment.GetEnvironmentVariable("VERIFIER_TIMEOUT") is { Length: > 0 } text
            ? Seconds(text, "VERIFIER_TIMEOUT", result)
            : DefaultTimeoutSeconds,
        // A parser, not a validator: a validator runs before a bad number is reported and cannot read the value.
        CustomParser = result => Seconds(result.Tokens.Single().Value, "--timeout", result),
        Recursive = true,
    };

    private static int Seconds(string text, string source, ArgumentResult result)
    {
        if (int.TryParse(text, out var seconds) && seconds >= 1) return seconds;
        result.AddError($"{source}: '{text}' is not a whole number of seconds, at least 1.");
        return DefaultTimeoutSeconds;
    }
}
