using System.CommandLine;
using System.Text;

namespace Verifier.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The real command line, as the `verifier` executable runs it.</summary>
    public static CliRun Of(params string[] args) => OfAsync(args).GetAwaiter().GetResult();

    public static async Task<CliRun> OfAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliApp.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>`verifier parse ...` reading <paramref name="standardInput"/> as its standard input.</summary>
    public static CliRun Parse(byte[] standardInput, params string[] args) =>
        Parse(() => new MemoryStream(standardInput), args);

    public static CliRun Parse(string standardInput, params string[] args) =>
        Parse(Encoding.UTF8.GetBytes(standardInput), args);

    public static CliRun Parse(Func<Stream> standardInput, params string[] args)
    {
        var root = new RootCommand("test") { ParseCommand.Create(standardInput) };
        return Invoke(root, ["parse", .. args]);
    }

    private static CliRun Invoke(RootCommand root, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
