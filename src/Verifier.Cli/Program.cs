using Verifier.Cli;

var parse = CliApp.Build().Parse(args);
if (parse.Errors.Count > 0)
{
    // Usage errors exit 2 (problems found are 1, server errors 3), so scripts can tell them apart.
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Try 'verifier --help' or 'verifier <command> --help'.");
    return 2;
}
return await parse.InvokeAsync();
