using Verifier.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Verifier.Server.Tests.Infrastructure;

/// <summary>
/// Marks a test class whose server needs an external program; its tests skip, with the reason,
/// when the program is missing (xunit 2 decides skips at discovery, so the discoverers below ask).
/// </summary>
public interface INeedsRedisServer;

/// <summary>Marks a test class whose servers share a local Redis Cluster (redis-server and redis-cli).</summary>
public interface INeedsRedisCluster;

/// <summary>A fact that skips in classes marked <see cref="INeedsRedisServer"/> when redis-server is absent.</summary>
[XunitTestCaseDiscoverer("Verifier.Server.Tests.Infrastructure.ServerFactDiscoverer", "Verifier.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute;

/// <summary>A theory that skips in classes marked <see cref="INeedsRedisServer"/> when redis-server is absent.</summary>
[XunitTestCaseDiscoverer("Verifier.Server.Tests.Infrastructure.ServerTheoryDiscoverer", "Verifier.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerTheoryAttribute : TheoryAttribute;

internal static class ServerPrerequisites
{
    public static string? MissingFor(ITestMethod method)
    {
        bool Marked(Type marker) => method.TestClass.Class.Interfaces.Any(i => i.Name == marker.FullName);
        if (Marked(typeof(INeedsRedisServer)) && RedisServerProcess.Locate() is null)
        {
            return "redis-server is not installed (apt-get install redis-server); this class runs the server against a real Redis";
        }
        return Marked(typeof(INeedsRedisCluster)) && RedisClusterProcess.MissingPrerequisite() is { } missing
            ? missing + "; this class runs the servers against a local Redis Cluster"
            : null;
    }

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason);
}

public sealed class ServerFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        ServerPrerequisites.MissingFor(method) is { } reason
            ? [ServerPrerequisites.Skipped(DiagnosticMessageSink, options, method, reason)]
            : base.Discover(options, method, attribute);
}

public sealed class ServerTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        ServerPrerequisites.MissingFor(method) is { } reason
            ? [ServerPrerequisites.Skipped(DiagnosticMessageSink, options, method, reason)]
            : base.Discover(options, method, attribute);
}
