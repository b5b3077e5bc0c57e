using System.CommandLine;
using Verifier.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
