using System.CommandLine;
using Verifier.Cli.Administration;
using Verifier.Cli.Bulk;
using Verifier.Cli.Client;
using Verifier.Cli.Demo;
using Verifier.Cli.Generate;
using Verifier.Cli.Imaging;
using Verifier.Cli.Offline;
using Verifier.Cli.Scanning;
using Verifier.Cli.Upload;

namespace Verifier.Cli;

/// <summary>The `verifier` command tree; each command lives in its own file.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("verifier: command line of the FMD national verification service");
        root.Options.Add(ServerConnection.Server);
        root.Options.Add(ServerConnection.ApiKey);
        root.Options.Add(ServerConnection.Timeout);
        foreach (var option in ClientCertificateOptions.All) root.Options.Add(option);
        root.Subcommands.Add(ParseCommand.Create());
        foreach (var command in ScannerCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(ScanImageCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(AlertCommands.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(UploadCommand.Create());
        foreach (var command in ProductCommand.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(PackStatesCommand.Create());
        root.Subcommands.Add(BulkCommand.Create());
        root.Subcommands.Add(QueueCommands.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ClientCommands.Create());
        return root;
    }

    /// <summary>Runs the command line; usage errors exit 2 (problems found are 1, server errors 3), so scripts can tell them apart.</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync(configuration);

        foreach (var error in parse.Errors) await configuration.Error.WriteLineAsync($"error: {error.Message}");
        await configuration.Error.WriteLineAsync("Try 'verifier --help' or 'verifier <command> --help'.");
        return 2;
    }
}
