using Verifier.Core.Access;
using Verifier.Storage.Sqlite;

namespace Verifier.Storage.Tests;

public sealed class ClientStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    private SqliteClientStore Clients => new(_db.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_client_is_found_by_id_and_by_key_hash()
    {
        var acme = new ClientRecord("mah-acme", ClientRole.Mah, "MAH-ACME", "Acme Pharma");
        await Clients.CreateAsync(acme, "hash-1", TempDatabase.Now, default);

        Assert.Equal(acme, await Clients.FindAsync("mah-acme", default));
        Assert.Equal(acme, await Clients.FindByKeyHashAsync("hash-1", default));
        Assert.Null(await Clients.FindAsync("mah-unknown", default));
    }
}
