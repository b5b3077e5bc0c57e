using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Verifier.Cache;
using Verifier.Core.Packs;
using Verifier.Server.Admin;
using Verifier.Server.Alerts;
using Verifier.Server.Auditing;
using Verifier.Server.Bulk;
using Verifier.Server.Caching;
using Verifier.Server.Identity;
using Verifier.Server.MasterData;
using Verifier.Server.Observability;
using Verifier.Server.Packs;
using Verifier.Storage;
using Verifier.Storage.Sqlite;
using Verifier.Storage.SqlServer;

namespace Verifier.Server.Hosting;

/// <summary>Builds the service; shared by Program (the real run) and the integration tests, so both run the same thing.</summary>
public static class VerifierHost
{
    /// <summary>Default gRPC endpoint: loopback only, HTTP/2 without TLS (configure Kestrel for TLS/mTLS).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="overrides">Lets tests replace services (e.g. the clock) after the defaults are registered.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        args = ServerArguments.Normalize(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, ServerArguments.Switches.ToDictionary());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Count() == 0)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            json.UseUtcTimestamp = true;
        });
        builder.AddVerifierTelemetry();

        var options = builder.Configuration.GetSection(VerifierOptions.Section).Get<VerifierOptions>() ?? new VerifierOptions();
        builder.Services.AddSingleton(Options.Create(options));
        builder.ConfigureTransport(options);
        builder.Services.AddSingleton(TimeProvider.System);
        AddStorage(builder.Services, options.Storage);
        // A hosted service starts before the web server, so crash leftovers are gone before the first request.
        builder.Services.AddHostedService<UnfinishedUploadCleanup>();
        CacheSetup.Add(builder.Services, options.Cache);
        builder.Services.AddSingleton(new PackRules(new PackRulesPolicy
        {
            UndoWindow = options.Rules.UndoWindow,
            DoubleScanWindow = options.Rules.DoubleScanWindow,
            DoubleScanTolerance = options.Rules.DoubleScanTolerance,
            MaxDeferral = options.Rules.MaxDeferral,
            ClockSkewTolerance = options.Rules.ClockSkewTolerance,
            MarketTimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Rules.MarketTimeZone),
        }));
        builder.Services.AddSingleton<VerifierMetrics>();
        builder.Services.AddSingleton<CacheCoherence>();
        builder.Services.AddSingleton<PackOperations>();
        builder.Services.AddCallerIdentity();
        builder.Services.AddSingleton<OperationAudit>();
        builder.Services.AddSingleton<ProductAccess>();
        builder.Services.AddSingleton<BatchUploadReceiver>();
        builder.Services.AddSingleton<PackStateChanges>();
        builder.Services.AddSingleton<PackRequests>();
        builder.Services.AddSingleton<BulkItems>();
        builder.Services.AddSingleton<PackStream>();
        builder.Services.AddSingleton<BulkJobs>();
        builder.Services.AddSingleton<BulkJobRunner>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<BulkJobRunner>());

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<CallerInterceptor>();
            grpc.EnableDetailedErrors = false;
            // Pack requests are small; only serial uploads need large messages.
            grpc.MaxReceiveMessageSize = 64 * 1024;
        }).AddServiceOptions<MasterDataGrpcService>(upload => upload.MaxReceiveMessageSize = 16 * 1024 * 1024)
            // A pack may be named by a photo of up to DecodeLimits.Default.MaxBytes (3 MiB), plus the request's other fields.
            .AddServiceOptions<PackGrpcService>(packs => packs.MaxReceiveMessageSize = 4 * 1024 * 1024)
            // A bulk job of 10,000 operations (and one more, to be refused with a clear message) fits.
            .AddServiceOptions<BulkGrpcService>(bulk => bulk.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.AddRestApi();
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<WarmUp>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WarmUp>());
        var health = builder.Services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store").AddCheck<ReadinessHealthCheck>("warm-up");
        // With the cache switched off there is nothing to degrade.
        if (!options.Cache.Mode.Equals("None", StringComparison.OrdinalIgnoreCase)) health.AddCheck<CacheHealthCheck>("cache");

        overrides?.Invoke(builder.Services);
        var app = builder.Build();
        // Open the store and the cache now: a bad path or setting fails the start, not the first scan.
        app.Services.GetRequiredService<IPackStatusCache>();
        app.Services.GetRequiredService<IPackStore>();
        // Now, not at the first request: it listens for Redis reconnects from the start.
        app.Services.GetRequiredService<CacheCoherence>();
        app.MapGrpcService<PackGrpcService>();
        app.MapGrpcService<AlertGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcService<MasterDataGrpcService>();
        app.MapGrpcService<BulkGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapRestApi();

        if (options.Demo)
        {
            var services = app.Services;
            DemoClients.SeedAsync(services.GetRequiredService<IClientStore>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Verifier.Demo"), CancellationToken.None).GetAwaiter().GetResult();
        }
        return app;
    }

    private static void AddStorage(IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(storage.SqlServer))
            {
                throw new InvalidOperationException("Storage provider 'SqlServer' needs a connection string in Verifier:Storage:SqlServer (--sqlserver).");
            }
            services.AddSingleton(_ => new SqlServerDatabase(storage.SqlServer));
            services.AddSingleton<IPackStore, SqlServerPackStore>();
            services.AddSingleton<IAlertStore, SqlServerAlertStore>();
            services.AddSingleton<IClientStore, SqlServerClientStore>();
            services.AddSingleton<IMasterDataStore, SqlServerMasterDataStore>();
            services.AddSingleton<IBulkJobStore, SqlServerBulkJobStore>();
            return;
        }
        if (!storage.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage provider '{storage.Provider}' is unknown; use 'Sqlite' or 'SqlServer'.");
        }
        services.AddSingleton(_ => new SqliteDatabase(storage.SqlitePath));
        services.AddSingleton<IPackStore>(provider => new SqlitePackStore(provider.GetRequiredService<SqliteDatabase>(), storage.StatusCheckDurability));
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IClientStore, SqliteClientStore>();
        services.AddSingleton<IMasterDataStore, SqliteMasterDataStore>();
        services.AddSingleton<IBulkJobStore, SqliteBulkJobStore>();
    }
}
