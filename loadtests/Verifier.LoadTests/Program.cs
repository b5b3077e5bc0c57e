using Verifier.LoadTests;
using Verifier.LoadTests.Harness;

// Benchmarks print figures; `run` and `cold-start` fail only on configured targets (SLOs, lost decommissions).
const string usage = """
    usage: Verifier.LoadTests <command> [options]   (each command has --help)
      run            a scenario (health, verify, pharmacy, mah, national-day) in the open or closed model, with reports
      cold-start     a burst of concurrent verifies the moment a freshly started server reports SERVING
      upload-bench   one large batch upload through gRPC; verify latency meanwhile
      verify-bench   verify latency against an existing store built with `verifier generate` + `verifier upload`
      bulk-bench     a wholesaler's verifies as single calls, one bulk stream and one bulk job

    Any --Verifier:<key>=<value> is passed to the in-process server unchanged, e.g. another store provider:
      --Verifier:Storage:Provider=SqlServer "--Verifier:Storage:SqlServer=Server=db1;Database=verifier;..."
    """;
var arguments = new BenchArguments(args);
try
{
    return args.FirstOrDefault() switch
    {
        "run" => await RunCommand.RunAsync(arguments, Console.Error),
        "cold-start" => await ColdStart.RunAsync(arguments, Console.Error),
        "upload-bench" when arguments.Help => Help(UploadBench.Usage),
        "upload-bench" => await UploadBench.RunAsync(arguments),
        "verify-bench" when arguments.Help => Help(VerifyBench.Usage),
        "verify-bench" => await VerifyBench.RunAsync(arguments),
        "bulk-bench" when arguments.Help => Help(BulkBench.Usage),
        "bulk-bench" => await BulkBench.RunAsync(arguments),
        "--help" or "-h" => Help(usage),
        _ => Fail(usage),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}

static int Help(string text)
{
    Console.WriteLine(text);
    return 0;
}

static int Fail(string text)
{
    Console.Error.WriteLine(text);
    return 2;
}
