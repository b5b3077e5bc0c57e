using System.CommandLine;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Administration;

/// <summary>`verifier client create`: registers a client and prints its API key once (operators).</summary>
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
        var client = new Command("client", "Manage clients and API keys (operators)");
        client.Subcommands.Add(create);
        return client;
    }
}
