using System.CommandLine;

namespace Verifier.Cli.Client;

/// <summary>`--json`: a command that shows a server answer prints it as the proto's JSON instead, for scripts.</summary>
internal static class JsonOption
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print the server's answer as JSON" };
}
