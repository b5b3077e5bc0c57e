using Verifier.Storage.Tests.Contract;

namespace Verifier.Storage.Tests.Sqlite;

// The store contract, run on a SQLite file of its own per test.

public sealed class SqlitePackStoreTests : PackStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteAlertStoreTests : AlertStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteClientStoreTests : ClientStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteProductAndBatchStoreTests : ProductAndBatchStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteUploadStoreTests : UploadStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteCacheEpochTests : CacheEpochContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}

public sealed class SqliteBulkJobStoreTests : BulkJobStoreContract
{
    protected override StoreUnderTest OpenStore() => new SqliteStoreUnderTest();
}
