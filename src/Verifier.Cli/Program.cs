using Verifier.Cli;

return await CliApp.InvokeAsync(args);
