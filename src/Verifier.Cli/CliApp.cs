using System.CommandLine;
using Verifier.Cli.Administration;
using Verifier.Cli.Client;
using Verifier.Cli.Demo;
using Verifier.Cli.Generate;
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
        root.Subcommands.Add(ParseCommand.Create());
        foreach (var command in ScannerCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(AlertCommands.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(UploadCommand.Create());
        foreach (var command in ProductCommand.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ClientCommands.Create());
        return root;
    }
}
