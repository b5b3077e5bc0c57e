using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verifier.Server.Tests.Infrastructure;

namespace Verifier.Server.Tests.Rest;

/// <summary>
/// A REST client as pharmacy software without gRPC would write it: a plain HttpClient over HTTP/1.1, JSON bodies built
/// from anonymous objects, the API key in the x-api-key header.
/// </summary>
public sealed class RestCalls(VerifierServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.RestAddress };

    public Task<RestAnswer> Get(string path, string? apiKey) => SendAsync(HttpMethod.Get, path, apiKey, null);

    public Task<RestAnswer> Post(string path, string? apiKey, object body) => SendAsync(HttpMethod.Post, path, apiKey, body);

    public Task<RestAnswer> Put(string path, string? apiKey, object body) => SendAsync(HttpMethod.Put, path, apiKey, body);

    public Task<RestAnswer> Patch(string path, string? apiKey, object body) => SendAsync(HttpMethod.Patch, path, apiKey, body);

    private async Task<RestAnswer> SendAsync(HttpMethod method, string path, string? apiKey, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null) request.Headers.Add("x-api-key", apiKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RestAnswer(response.StatusCode, response.Version, response.Content.Headers.ContentType?.MediaType,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One HTTP answer: status, protocol, headers and the JSON body (also as text, for failure messages and protobuf parsing).</summary>
public sealed record RestAnswer(
    HttpStatusCode Status, Version Version, string? MediaType, IReadOnlyDictionary<string, string> Headers, JsonElement Json, string Text)
{
    public string Str(params string[] path)
    {
        var element = Json;
        foreach (var name in path) element = element.GetProperty(name);
        return element.GetString() ?? "";
    }
}
