using Verifier.Storage.Tests.Contract;

namespace Verifier.Storage.Tests.SqlServer;

// The store contract, run on a SQL Server database of its own per test when VERIFIER_SQLSERVER names a server.

[SqlServerStore]
public sealed class SqlServerPackStoreTests : PackStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerAlertStoreTests : AlertStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerClientStoreTests : ClientStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerProductAndBatchStoreTests : ProductAndBatchStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerUploadStoreTests : UploadStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerCacheEpochTests : CacheEpochContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}

[SqlServerStore]
public sealed class SqlServerBulkJobStoreTests : BulkJobStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqlServerStoreUnderTest();
}
