namespace Verifier.Server.Hosting;

/// <summary>Section "Verifier:Rest".</summary>
public sealed class RestOptions
{
    public const string Section = "Verifier:Rest";

    /// <summary>
    /// Plain-text HTTP/1.1 address of the REST API beside the gRPC addresses (an https URL also offers HTTP/2);
    /// empty: no separate REST listener. Not used when Kestrel:Endpoints are configured.
    /// </summary>
    public string? Url { get; set; } = "http://127.0.0.1:5081";
}
