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

    private static readonly ClientRecord Berlin = new("pharmacy-berlin", ClientRole.Pharmacy, "PH-BER-001", "Apotheke Berlin");
    private static readonly ClientCertificate BerlinThumbprint = new(CertificateMatch.Thumbprint, new string('A', 64));
    private static readonly ClientCertificate BerlinSubject = new(CertificateMatch.Subject, "CN=pharmacy-berlin, O=Apotheke Berlin, C=DE");

    [StoreFact]
    public async Task A_revoked_key_no_longer_finds_its_client_and_advances_the_credentials_epoch()
    {
        await Clients.CreateAsync(Berlin, "hash-1", StoreUnderTest.Now, default);
        await Clients.AddKeyAsync(Berlin.ClientId, "hash-2", StoreUnderTest.Now, default);
        var before = await Clients.ReadCredentialsEpochAsync(default);

        Assert.True(await Clients.RevokeKeyAsync(Berlin.ClientId, "hash-1", StoreUnderTest.Now, default));

        Assert.Null(await Clients.FindByKeyHashAsync("hash-1", default));
        Assert.Equal(Berlin, await Clients.FindByKeyHashAsync("hash-2", default));
        Assert.Equal(before + 1, await Clients.ReadCredentialsEpochAsync(default));
        Assert.False(await Clients.RevokeKeyAsync(Berlin.ClientId, "hash-1", StoreUnderTest.Now, default));
        Assert.False(await Clients.RevokeKeyAsync("someone-else", "hash-2", StoreUnderTest.Now, default));
        Assert.Equal(before + 1, await Clients.ReadCredentialsEpochAsync(default));
    }

    [StoreFact]
    public async Task A_certificate_is_found_by_thumbprint_or_by_a_trusted_subject()
    {
        await Clients.CreateAsync(Berlin, "hash-1", StoreUnderTest.Now, default);

        Assert.Equal(CertificateRegistration.Registered, await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinThumbprint, StoreUnderTest.Now, default));
        Assert.Equal(CertificateRegistration.Registered, await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinSubject, StoreUnderTest.Now, default));
        Assert.Equal(CertificateRegistration.Taken, await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinThumbprint, StoreUnderTest.Now, default));
        Assert.Equal(CertificateRegistration.UnknownClient, await Clients.RegisterCertificateAsync("unknown", BerlinSubject, StoreUnderTest.Now, default));

        Assert.Equal(Berlin, await Clients.FindByCertificateAsync(BerlinThumbprint.Value, null, default));
        Assert.Equal(Berlin, await Clients.FindByCertificateAsync(new string('B', 64), BerlinSubject.Value, default));
        // An untrusted chain offers no subject: the subject alone proves nothing.
        Assert.Null(await Clients.FindByCertificateAsync(new string('B', 64), null, default));
    }

    [StoreFact]
    public async Task A_revoked_thumbprint_shuts_out_that_certificate_even_under_a_registered_subject()
    {
        await Clients.CreateAsync(Berlin, "hash-1", StoreUnderTest.Now, default);
        await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinSubject, StoreUnderTest.Now, default);
        var lost = new ClientCertificate(CertificateMatch.Thumbprint, new string('C', 64));

        Assert.True(await Clients.RevokeCertificateAsync(Berlin.ClientId, lost, StoreUnderTest.Now, default));

        Assert.Null(await Clients.FindByCertificateAsync(lost.Value, BerlinSubject.Value, default));
        Assert.Equal(Berlin, await Clients.FindByCertificateAsync(new string('D', 64), BerlinSubject.Value, default));
        // A revoked certificate stays revoked.
        Assert.Equal(CertificateRegistration.Taken, await Clients.RegisterCertificateAsync(Berlin.ClientId, lost, StoreUnderTest.Now, default));
        Assert.False(await Clients.RevokeCertificateAsync(Berlin.ClientId, lost, StoreUnderTest.Now, default));
    }

    [StoreFact]
    public async Task A_revoked_subject_or_client_authenticates_no_more()
    {
        await Clients.CreateAsync(Berlin, "hash-1", StoreUnderTest.Now, default);
        await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinThumbprint, StoreUnderTest.Now, default);
        await Clients.RegisterCertificateAsync(Berlin.ClientId, BerlinSubject, StoreUnderTest.Now, default);
        var before = await Clients.ReadCredentialsEpochAsync(default);

        Assert.True(await Clients.RevokeCertificateAsync(Berlin.ClientId, BerlinSubject, StoreUnderTest.Now, default));
        Assert.Null(await Clients.FindByCertificateAsync(new string('B', 64), BerlinSubject.Value, default));
        Assert.Equal(Berlin, await Clients.FindByCertificateAsync(BerlinThumbprint.Value, BerlinSubject.Value, default));

        Assert.True(await Clients.RevokeClientAsync(Berlin.ClientId, StoreUnderTest.Now, default));
        Assert.Null(await Clients.FindByCertificateAsync(BerlinThumbprint.Value, null, default));
        Assert.Null(await Clients.FindByKeyHashAsync("hash-1", default));
        Assert.False(await Clients.RevokeClientAsync(Berlin.ClientId, StoreUnderTest.Now, default));
        Assert.Equal(before + 2, await Clients.ReadCredentialsEpochAsync(default));
    }
}
