using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.OpenApi.Models;

namespace Verifier.Server.Hosting;

/// <summary>
/// REST/JSON for every unary RPC, through gRPC JSON transcoding of the protos' <c>google.api.http</c> annotations, and
/// its OpenAPI document. A REST request runs the same service method behind the same interceptors as a gRPC call, so
/// authentication, rate limits and answers are the gRPC ones; only the encoding differs. Streaming RPCs (UploadBatch,
/// StreamPackOperations) have no REST form.
/// </summary>
internal static class RestApi
{
    /// <summary>Where the OpenAPI document is served (/openapi/v1.json); like health, it needs no API key (it describes, it answers nothing).</summary>
    private const string OpenApiRoute = "openapi/{documentName}.json";
    private const string DocumentName = "v1";
    private const string ApiKeyScheme = "apiKey";

    public static WebApplicationBuilder AddRestApi(this WebApplicationBuilder builder)
    {
        AddListener(builder, builder.Configuration.GetSection(RestOptions.Section).Get<RestOptions>() ?? new RestOptions());
        builder.Services.AddGrpc().AddJsonTranscoding();
        // Outermost, so it also sees the refusals of the API key interceptor (rate limit) registered before it.
        builder.Services.PostConfigure<GrpcServiceOptions>(grpc =>
        {
            var registered = grpc.Interceptors.ToList();
            grpc.Interceptors.Clear();
            grpc.Interceptors.Add<RestRefusalHeaders>();
            foreach (var interceptor in registered) grpc.Interceptors.Add(interceptor);
        });
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Verifier",
                Version = DocumentName,
                Description = "FMD national verification service: the REST/JSON form of the gRPC services (protos/verifier/v1). "
                    + "Send the API key in the x-api-key header.",
            });
            // The contracts' XML docs are the proto comments, so the document explains fields as the protos do.
            swagger.IncludeGrpcXmlComments(Path.Combine(AppContext.BaseDirectory, "Verifier.Contracts.xml"), includeControllerXmlComments: true);
            swagger.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Identity.ApiKeys.Header,
                Description = "The client's API key (issued by an operator with CreateClient).",
            });
            swagger.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = ApiKeyScheme } }] = [],
            });
        });
        return builder;
    }

    /// <summary>Serves the OpenAPI document; the transcoded routes themselves come with MapGrpcService.</summary>
    public static WebApplication MapRestApi(this WebApplication app)
    {
        app.UseSwagger(swagger => swagger.RouteTemplate = OpenApiRoute);
        return app;
    }

    /// <summary>
    /// REST clients speak HTTP/1.1, and Kestrel offers HTTP/1.1 and HTTP/2 on one port only through TLS (ALPN): a
    /// plain-text port is either h2c (gRPC) or HTTP/1.1. So beside the gRPC addresses (<c>--urls</c>) the service listens
    /// for REST at <see cref="RestOptions.Url"/>, told apart by its port. An operator who configures
    /// <c>Kestrel:Endpoints</c> (TLS) chooses every endpoint's protocols there instead (Kestrel then binds only those):
    /// <c>Http1AndHttp2</c> serves gRPC and REST on one TLS port.
    /// </summary>
    private static void AddListener(WebApplicationBuilder builder, RestOptions rest)
    {
        if (string.IsNullOrWhiteSpace(rest.Url) || builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()) return;
        // Kestrel's own parser: it also reads the host wildcards (http://*:5081, http://+:5081) that Uri refuses.
        var url = BindingAddress.Parse(rest.Url);
        if (url.Port == 0)
        {
            throw new InvalidOperationException($"{RestOptions.Section}:Url '{rest.Url}' needs a fixed port: it is told apart from the gRPC addresses by its port.");
        }
        var protocols = url.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
        builder.WebHost.UseUrls([builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? VerifierHost.DefaultUrl, rest.Url]);
        // Kestrel keeps one endpoint-defaults action: this one replaces VerifierHost's and keeps its HTTP/2 for the gRPC addresses.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Protocols = listen.IPEndPoint?.Port == url.Port ? protocols : HttpProtocols.Http2));
    }
}
