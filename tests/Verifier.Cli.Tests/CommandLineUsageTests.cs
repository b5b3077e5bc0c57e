using System.Net;
using System.Net.Sockets;
using Verifier.Cli.Client;

namespace Verifier.Cli.Tests;

/// <summary>Usage errors exit 2 before any call; the shared options (--server, --timeout) and what each command offers.</summary>
public sealed class CommandLineUsageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-cli-usage-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("verify", "--server", "notaurl", "--scan", "x")]
    [InlineData("verify", "--server", "ftp://127.0.0.1", "--scan", "x")]
    [InlineData("verify", "--server", "/relative", "--scan", "x")]
    [InlineData("verify", "--timeout", "0", "--scan", "x")]
    [InlineData("verify", "--timeout", "soon", "--scan", "x")]
    [InlineData("product", "upsert", "--code", "04150123456782", "--scheme", "foo", "--name", "N", "--pack-size", "1", "--market", "DE")]
    [InlineData("alerts", "get")]
    [InlineData("pack-states", "--reason", "stolen", "--product", "04150123456782")]
    [InlineData("pack-states", "--reason", "supplied", "--product", "04150123456782", "--serial", "S")]
    [InlineData("pack-states", "--reason", "stolen", "--product", "04150123456782", "--serials-file", "/no/such/file")]
    [InlineData("pack-states", "--reason", "stolen", "--product", "04150123456782", "--serial", "S", "--transaction-id", "12345678901234567890123456789012345678901")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        var run = await CliRun.OfAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
    }

    [Fact]
    public async Task A_bad_server_address_is_named()
    {
        var run = await CliRun.OfAsync("history", "--server", "notaurl", "--scan", "x");
        Assert.Contains("--server: 'notaurl'", run.Error);
    }

    [Fact]
    public void The_timeout_is_read_before_or_after_the_command()
    {
        var before = CliApp.Build().Parse(["--timeout", "5", "verify", "--scan", "x"]);
        var after = CliApp.Build().Parse(["verify", "--scan", "x", "--timeout", "7"]);

        Assert.Empty(before.Errors);
        Assert.Empty(after.Errors);
        Assert.Equal((5, 7), (before.GetValue(ServerConnection.Timeout), after.GetValue(ServerConnection.Timeout)));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_server_error_after_the_timeout()
    {
        // Accepts connections (the kernel does) but never speaks HTTP/2.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";

        var run = await CliRun.OfAsync("verify", "--server", address, "--timeout", "1", "--product", "04150123456782", "--serial", "S");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("DeadlineExceeded", run.Error);
        Assert.Contains("--timeout", run.Error);
    }

    [Fact]
    public async Task History_offers_only_the_pack_and_json()
    {
        var history = await CliRun.OfAsync("history", "--help");
        var verify = await CliRun.OfAsync("verify", "--help");

        Assert.Equal(0, history.ExitCode);
        Assert.DoesNotContain("--transaction-id", history.Output);
        Assert.DoesNotContain("--user", history.Output);
        Assert.Contains("--scan", history.Output);
        Assert.Contains("--json", history.Output);
        Assert.Contains("--transaction-id", verify.Output);
        Assert.Contains("--user", verify.Output);
    }

    [Theory]
    [InlineData("s.csv", "product_code,batch,serial\nX,L,S\n", "upload", "{file}")]
    [InlineData("serials.txt", "\n\n", "pack-states", "--reason", "stolen", "--product", "04150123456782", "--serials-file", "{file}")]
    public async Task A_bad_input_file_exits_2_before_any_call(string name, string content, params string[] args)
    {
        var file = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(file, content);

        // A closed port: the file is read, and refused, before the server would be needed.
        var run = await CliRun.OfAsync([.. args.Select(a => a == "{file}" ? file : a), "--server", "http://127.0.0.1:9", "--api-key", "k"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(name, run.Error);
    }
}
