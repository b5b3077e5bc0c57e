using Verifier.Server.Hosting;

await VerifierHost.Build(args).RunAsync();
