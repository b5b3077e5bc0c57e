using System.CommandLine;

namespace Verifier.Cli;

/// <summary>The `verifier` command tree; each command lives in its own file.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("verifier: command line of the FMD national verification service");
        root.Subcommands.Add(ParseCommand.Create());
        return root;
    }
}
