using Verifier.LoadTests;

// Benchmarks print figures; they never pass or fail on timings.
var arguments = new BenchArguments(args);
return args.FirstOrDefault() switch
{
    "upload-bench" => await UploadBench.RunAsync(arguments),
    "verify-bench" => await VerifyBench.RunAsync(arguments),
    "bulk-bench" => await BulkBench.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          upload-bench [--serials 1000000] [--chunk 10000] [--db FILE]
              one batch through gRPC into a fresh SQLite file; prints serials/s and verify latency meanwhile
          verify-bench --db FILE --data DIR [--requests 20000] [--concurrency 4] [--sample 20000] [--cache None|Embedded]
              verify latency percentiles against an existing store built with `verifier generate` + `verifier upload`
          bulk-bench [--packs 10000] [--in-flight 8] [--runs 3] [--modes single,stream,job] [--cache Embedded|None] [--db FILE]
              verifies of cached packs as single calls, one bulk stream and one bulk job; prints time and packs/s of each

        Any --Verifier:<key>=<value> is passed to the server unchanged, e.g. another store provider:
          --Verifier:Storage:Provider=SqlServer "--Verifier:Storage:SqlServer=Server=db1;Database=verifier;..."
        """);
    return 2;
}
