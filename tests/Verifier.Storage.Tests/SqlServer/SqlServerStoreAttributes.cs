using Xunit.Abstractions;
using Xunit.Sdk;

namespace Verifier.Storage.Tests.SqlServer;

/// <summary>
/// Marks a contract test class that runs against SQL Server. The contract's [Fact]s and [Theory]s
/// are inherited by the SQLite and the SQL Server class alike, so whether to skip cannot sit on
/// them (xunit 2 decides skips per attribute): the discoverers below decide per test class.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SqlServerStoreAttribute : Attribute;

/// <summary>A fact of a store contract: skipped in a <see cref="SqlServerStoreAttribute"/> class when VERIFIER_SQLSERVER is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Verifier.Storage.Tests.SqlServer.StoreFactDiscoverer", "Verifier.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A theory of a store contract: skipped in a <see cref="SqlServerStoreAttribute"/> class when VERIFIER_SQLSERVER is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Verifier.Storage.Tests.SqlServer.StoreTheoryDiscoverer", "Verifier.Storage.Tests")]
public sealed class StoreTheoryAttribute : TheoryAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        SkippedSqlServerTestCase.IsSkipped(testMethod)
            ? [new SkippedSqlServerTestCase(DiagnosticMessageSink, discoveryOptions, testMethod)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        SkippedSqlServerTestCase.IsSkipped(testMethod)
            ? [new SkippedSqlServerTestCase(DiagnosticMessageSink, discoveryOptions, testMethod)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>One skipped case per test method; its reason is recomputed after deserialization, so it carries no state of its own.</summary>
public sealed class SkippedSqlServerTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedSqlServerTestCase()
    {
    }

    public SkippedSqlServerTestCase(IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
    {
    }

    public static bool IsSkipped(ITestMethod testMethod) =>
        SqlServerStoreUnderTest.SkipReason is not null && testMethod.TestClass.Class.GetCustomAttributes(typeof(SqlServerStoreAttribute)).Any();

    protected override string GetSkipReason(IAttributeInfo factAttribute) => SqlServerStoreUnderTest.SkipReason ?? "";
}
