using Verifier.Server.Hosting;

if (ServerArguments.WantsHelp(args))
{
    Console.WriteLine(ServerArguments.Help);
    return 0;
}
await VerifierHost.Build(args).RunAsync();
return 0;
