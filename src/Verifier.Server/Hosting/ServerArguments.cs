namespace Verifier.Server.Hosting;

/// <summary>The server's command line: short switches on top of ASP.NET configuration keys, and --help.</summary>
public static class ServerArguments
{
    public const string Help = """
        verifier-server: the FMD national verification service (gRPC, HTTP/2)

        Usage: dotnet run --project src/Verifier.Server -- [options]

        Options:
          --demo                 seed the documented demo clients and API keys (never in production)
          --db <path>            SQLite file of the embedded store (default data/verifier.db)
          --sqlserver <conn>     store in SQL Server instead (connection string; sets Verifier:Storage:Provider=SqlServer)
          --cache <mode>         Embedded (in-process Garnet, default) | Redis | None
          --redis <config>       Redis endpoint(s) for --cache Redis, e.g. 127.0.0.1:6379
          --urls <url>           listen address (default http://127.0.0.1:5080; port 0 = any free port)
                                 https://... with --Verifier:Tls:CertificatePath=<pfx> (TLS, client certificates: README)
          --rest-url <url>       REST/JSON (HTTP/1.1) listen address (default http://127.0.0.1:5081; empty = none)
          --Verifier:<key>=<v>   any setting of appsettings.json, e.g. --Verifier:Market=FR
          -h, --help             show this help

        Environment variables with prefix Verifier__ set the same keys (Verifier__Cache__Mode=Redis).
        """;

    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--demo"] = "Verifier:Demo",
        ["--db"] = "Verifier:Storage:SqlitePath",
        ["--sqlserver"] = "Verifier:Storage:SqlServer",
        ["--redis"] = "Verifier:Cache:Redis",
        ["--cache"] = "Verifier:Cache:Mode",
        ["--urls"] = "urls",
        ["--rest-url"] = "Verifier:Rest:Url",
    };

    public static bool WantsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");

    /// <summary>
    /// Flags without a value (<c>--demo</c>) become <c>--demo=true</c>, as configuration needs a value;
    /// <c>--sqlserver</c> also selects the SQL Server provider, so one switch is enough.
    /// </summary>
    public static string[] Normalize(string[] args)
    {
        var normalized = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            var isFlag = args[i] == "--demo" && (i + 1 == args.Length || args[i + 1].StartsWith('-'));
            normalized.Add(isFlag ? "--demo=true" : args[i]);
        }
        if (args.Any(a => a == "--sqlserver" || a.StartsWith("--sqlserver=", StringComparison.Ordinal)))
        {
            normalized.Add("--Verifier:Storage:Provider=SqlServer");
        }
        return normalized.ToArray();
    }
}
