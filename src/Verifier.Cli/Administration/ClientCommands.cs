using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Administration;

/// <summary>
/// `verifier client create | add-cert | revoke`: registers a client and prints its API key once,
/// registers client certificates, revokes clients, keys and certificates (operators).
/// </summary>
internal static class ClientCommands
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "Client id (letters, digits, - _ .)", Required = true };
        var role = new Option<string>("--role") { Description = "The client's role", Required = true };
        role.AcceptOnlyFromAmong("pharmacy", "hospital", "wholesaler", "mah", "operator");
        var location = new Option<string>("--location") { Description = "Premises id; undo is only allowed from the same one", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var create = new Command("create", "Register a client and issue its API key (shown once)") { id, role, location, name };
        create.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).CreateClientAsync(new CreateClientRequest
            {
                ClientId = parse.GetValue(id)!,
                Role = parse.GetValue(role) switch
                {
                    "pharmacy" => ClientRole.Pharmacy,
                    "hospital" => ClientRole.Hospital,
                    "wholesaler" => ClientRole.Wholesaler,
                    "mah" => ClientRole.Mah,
                    _ => ClientRole.Operator,
                },
                LocationId = parse.GetValue(location)!,
                DisplayName = parse.GetValue(name) ?? "",
            }, cancellationToken: cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"client {response.ClientId}\napi key {response.ApiKey}\n(store it now: only its hash is kept)");
            return 0;
        }));
        var client = new Command("client", "Manage clients, API keys and client certificates (operators)");
        client.Subcommands.Add(create);
        client.Subcommands.Add(AddCertificate());
        client.Subcommands.Add(Revoke());
        return client;
    }

    private static Command AddCertificate()
    {
        var id = new Option<string>("--id") { Description = "Client id", Required = true };
        var (thumbprint, subject, file) = CertificateOptions();
        var command = new Command("add-cert",
            "Let a client authenticate with a TLS client certificate: pinned by its SHA-256 thumbprint (--thumbprint or --from a "
            + "certificate file), or by --subject for certificates of the server's configured client CA")
            { id, thumbprint, subject, file };
        command.Validators.Add(result => ExactlyOne(result, thumbprint, subject, file));
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var response = await new AdminService.AdminServiceClient(invoker).RegisterClientCertificateAsync(new RegisterClientCertificateRequest
            {
                ClientId = parse.GetValue(id)!,
                Certificate = Identity(parse, thumbprint, subject, file),
            }, cancellationToken: cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"client {response.ClientId}\ncertificate {response.Certificate}");
            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Option<string>("--id") { Description = "Client id", Required = true };
        var whole = new Option<bool>("--whole-client") { Description = "Revoke the client: none of its keys or certificates works any more" };
        var key = new Option<string?>("--key") { Description = "Revoke this API key (hashed here; the key itself is not sent)" };
        var keyHash = new Option<string?>("--key-sha256") { Description = "Revoke the API key with this SHA-256 (hex)" };
        var (thumbprint, subject, file) = CertificateOptions();
        var command = new Command("revoke",
            "Revoke a client, an API key or a certificate; answers once no server instance accepts it any more "
            + "(a thumbprint of a certificate matched by its subject shuts out that one certificate)")
            { id, whole, key, keyHash, thumbprint, subject, file };
        command.Validators.Add(result => ExactlyOne(result, whole, key, keyHash, thumbprint, subject, file));
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var request = new RevokeCredentialRequest { ClientId = parse.GetValue(id)! };
            if (parse.GetValue(whole)) request.WholeClient = true;
            else if (parse.GetValue(key) is { } apiKey) request.ApiKeySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
            else if (parse.GetValue(keyHash) is { } hash) request.ApiKeySha256 = hash;
            else request.Certificate = Identity(parse, thumbprint, subject, file);
            await new AdminService.AdminServiceClient(invoker).RevokeCredentialAsync(request, cancellationToken: cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"revoked for client {request.ClientId}: {request.CredentialCase}");
            return 0;
        }));
        return command;
    }

    private static (Option<string?> Thumbprint, Option<string?> Subject, Option<FileInfo?> File) CertificateOptions() =>
    (
        new Option<string?>("--thumbprint") { Description = "SHA-256 thumbprint of the certificate (hex; ':' allowed)" },
        new Option<string?>("--subject") { Description = "Certificate subject, e.g. \"CN=apo-42, O=Apotheke 42, C=DE\"" },
        new Option<FileInfo?>("--from") { Description = "Certificate file (PEM or DER) whose thumbprint to use" }
    );

    private static void ExactlyOne(System.CommandLine.Parsing.CommandResult result, params Option[] options)
    {
        var given = options.Count(option => result.GetResult(option) is { Implicit: false });
        if (given != 1) result.AddError($"Give exactly one of {string.Join(", ", options.Select(option => option.Name))}.");
    }

    private static ClientCertificateIdentity Identity(ParseResult parse, Option<string?> thumbprint, Option<string?> subject, Option<FileInfo?> file)
    {
        if (parse.GetValue(subject) is { } name) return new ClientCertificateIdentity { Subject = name };
        if (parse.GetValue(thumbprint) is { } hex) return new ClientCertificateIdentity { ThumbprintSha256 = hex };
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(file)!.FullName);
            return new ClientCertificateIdentity { ThumbprintSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256) };
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new InvalidDataException($"--from: {e.Message}", e);
        }
    }
}
