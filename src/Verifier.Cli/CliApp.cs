using System.CommandLine;
using Verifier.Cli.Administration;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;

namespace Verifier.Cli;

/// <summary>The `verifier` command tree; each command lives in its own file.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("verifier: command line of the FMD national verification service");
        root.Options.Add(ServerConnection.Server);
        root.Options.Add(ServerConnection.ApiKey);
        foreach (var command in ScannerCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(AlertCommands.Create());
        root.Subcommands.Add(ClientCommands.Create());
        root.Subcommands.Add(ParseCommand.Create());
        return root;
    }
}
