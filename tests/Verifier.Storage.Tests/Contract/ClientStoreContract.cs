using Verifier.Core.Access;
using Verifier.Storage.Tests.SqlServer;

namespace Verifier.Storage.Tests.Contract;

public abstract class ClientStoreContract : IAsyncLifetime
{
    private StoreUnderTest _db = null!;

    private IClientStore Clients => _db.Clients;

    public Task InitializeAsync()
    {
        _db = OpenStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
    public async Task A_client_is_found_by_id_and_by_key_hash()
    {
        var acme = new ClientRecord("mah-acme", ClientRole.Mah, "MAH-ACME", "Acme Pharma");
        await Clients.CreateAsync(acme, "hash-1", StoreUnderTest.Now, default);

        Assert.Equal(acme, await Clients.FindAsync("mah-acme", default));
        Assert.Equal(acme, await Clients.FindByKeyHashAsync("hash-1", default));
        Assert.Null(await Clients.FindAsync("mah-unknown", default));
    }
}
