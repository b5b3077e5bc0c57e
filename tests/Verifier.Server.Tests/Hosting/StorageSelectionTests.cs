using Verifier.Server.Hosting;

namespace Verifier.Server.Tests.Hosting;

/// <summary>Choosing the SQL Server store from the command line (no SQL Server is needed to check the choice).</summary>
public sealed class StorageSelectionTests
{
    [Fact]
    public void The_sqlserver_switch_also_selects_the_provider()
    {
        var args = ServerArguments.Normalize(["--sqlserver", "Server=db1;Database=verifier", "--cache", "None"]);

        Assert.Equal(["--sqlserver", "Server=db1;Database=verifier", "--cache", "None", "--Verifier:Storage:Provider=SqlServer"], args);
        Assert.DoesNotContain(ServerArguments.Normalize(["--db", "x.db"]), a => a.Contains("Provider", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sql_server_provider_without_a_connection_string_fails_the_start()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            VerifierHost.Build(["--urls", "http://127.0.0.1:0", "--cache", "None", "--Verifier:Storage:Provider=SqlServer"]));

        Assert.Contains("Verifier:Storage:SqlServer", failure.Message);
    }
}
