using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Verifier.Storage.SqlServer;
using Xunit.Abstractions;

namespace Verifier.Storage.Tests.SqlServer;

/// <summary>
/// No SQL Server runs here, so every T-SQL text the provider can send is parsed with ScriptDom.
/// Every text lives in a named member (a const string ending in "Sql", or the migrations), which
/// reflection finds; a scan of the provider's sources fails on any SQL literal anywhere else, so
/// a statement cannot slip past the parser by being written inline.
/// </summary>
public sealed partial class SqlServerStatementTests(ITestOutputHelper output)
{
    private static readonly Assembly Provider = typeof(SqlServerDatabase).Assembly;

    [Fact]
    public void Every_statement_of_the_provider_parses_as_T_SQL_160()
    {
        var texts = ProviderSql();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var statements = 0;
        var failures = new List<string>();
        foreach (var (name, sql) in texts)
        {
            var script = (TSqlScript)parser.Parse(new StringReader(sql), out var errors);
            failures.AddRange(errors.Select(e => $"{name} ({e.Line},{e.Column}): {e.Message}"));
            statements += script.Batches.Sum(batch => batch.Statements.Count);
        }

        output.WriteLine($"Parsed {statements} T-SQL statements in {texts.Count} SQL texts of the SQL Server provider.");
        Assert.Empty(failures);
        Assert.True(texts.Count > 40, $"Only {texts.Count} SQL texts found; did the naming convention change?");
    }

    /// <summary>A typo in a table or column name parses fine; this catches it against the schema the migrations create.</summary>
    [Fact]
    public void Every_table_and_column_named_is_created_by_the_schema()
    {
        var scripts = ProviderSql().Select(text => (text.Name, Script: new TSql160Parser(true).Parse(new StringReader(text.Sql), out _))).ToList();
        var schema = new SchemaNames();
        foreach (var (_, script) in scripts) script.Accept(schema);

        var unknown = new List<string>();
        foreach (var (name, script) in scripts)
        {
            var references = new References();
            script.Accept(references);
            unknown.AddRange(references.Tables.Where(t => !t.StartsWith('#') && !schema.Tables.Contains(t)).Select(t => $"{name}: table {t}"));
            unknown.AddRange(references.Columns.Where(c => !schema.Columns.Contains(c) && !references.Aliases.Contains(c)).Select(c => $"{name}: column {c}"));
        }

        Assert.Empty(unknown);
    }

    [Fact]
    public void No_SQL_is_written_outside_a_named_member()
    {
        var directory = ProviderSourceDirectory();
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.cs"))
        {
            var source = File.ReadAllText(file);
            foreach (var (start, text) in StringLiterals(source))
            {
                if (!SqlStart().IsMatch(text)) continue;
                var before = source[..start];
                var named = NamedSqlMember().IsMatch(before) || Path.GetFileName(file) == "SqlServerSchema.cs";
                if (!named) offenders.Add($"{Path.GetFileName(file)} at {start}: {text.Trim().Split('\n')[0]}");
            }
            offenders.AddRange(InlineCommand().Matches(source).Select(m => $"{Path.GetFileName(file)}: literal passed to {m.Value}"));
        }

        Assert.Empty(offenders);
    }

    /// <summary>Every const string whose name ends in "Sql" in the provider's namespace, and every migration.</summary>
    private static List<(string Name, string Sql)> ProviderSql()
    {
        var texts = new List<(string, string)>();
        foreach (var type in Provider.GetTypes().Where(t => t.Namespace == typeof(SqlServerDatabase).Namespace))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral && field.FieldType == typeof(string) && field.Name.EndsWith("Sql", StringComparison.Ordinal))
                {
                    texts.Add(($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!));
                }
            }
        }
        texts.AddRange(SqlServerSchema.Migrations.Select((sql, step) => ($"migration {step}", sql)));
        return texts;
    }

    private static string ProviderSourceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Verifier.Storage", "SqlServer");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Verifier.Storage/SqlServer not found above the test binaries.");
    }

    /// <summary>C# string literals (regular, verbatim, raw, interpolated) with their start, skipping comments and char literals.</summary>
    private static IEnumerable<(int Start, string Text)> StringLiterals(string source)
    {
        var i = 0;
        while (i < source.Length)
        {
            if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/') { i = source.IndexOf('\n', i) is var n and >= 0 ? n : source.Length; continue; }
            if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '*') { i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2; continue; }
            if (source[i] == '\'') { i = source[i + 1] == '\\' ? source.IndexOf('\'', i + 3) + 1 : i + 3; continue; }
            if (source[i] != '"') { i++; continue; }

            var start = i;
            var quotes = 0;
            while (i < source.Length && source[i] == '"') { quotes++; i++; }
            if (quotes >= 3)
            {
                var close = source.IndexOf(new string('"', quotes), i, StringComparison.Ordinal);
                yield return (start, source[i..close]);
                i = close + quotes;
                continue;
            }
            if (quotes == 2) continue; // ""
            var verbatim = start > 0 && (source[start - 1] == '@' || (start > 1 && source[start - 2] == '@'));
            var end = i;
            while (end < source.Length)
            {
                if (verbatim && source[end] == '"' && end + 1 < source.Length && source[end + 1] == '"') { end += 2; continue; }
                if (!verbatim && source[end] == '\\') { end += 2; continue; }
                if (source[end] == '"') break;
                end++;
            }
            yield return (start, source[i..end]);
            i = end + 1;
        }
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|EXEC|EXECUTE|CREATE|ALTER|DROP|DECLARE|IF|WITH|SET|TRUNCATE|BEGIN|COMMIT|ROLLBACK)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlStart();

    // The literal must be the whole initializer of "const string SomethingSql =".
    [GeneratedRegex(@"const\s+string\s+\w+Sql\s*=\s*[$@]*$")]
    private static partial Regex NamedSqlMember();

    [GeneratedRegex(@"\b(Execute\w*|Query\w*|CommandDefinition|SqlCommand)\s*\(\s*[$@]*""|CommandText\s*=\s*[$@]*""")]
    private static partial Regex InlineCommand();

    /// <summary>Tables and columns the schema creates (migrations, the migrations table, temp tables and table variables).</summary>
    private sealed class SchemaNames : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(CreateTableStatement node)
        {
            Tables.Add(node.SchemaObjectName.BaseIdentifier.Value);
            Columns.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
        }

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Columns.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));

        public override void Visit(DeclareTableVariableBody node) =>
            Columns.UnionWith(node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
    }

    /// <summary>Tables and column names a statement uses, and the result aliases it defines.</summary>
    private sealed class References : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            var name = node.SchemaObject.BaseIdentifier.Value;
            // inserted/deleted are the OUTPUT pseudo-tables, not schema tables.
            if (!name.Equals("inserted", StringComparison.OrdinalIgnoreCase)) Tables.Add(name);
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { Count: > 0 } identifier) Columns.Add(identifier.Identifiers[^1].Value);
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias) Aliases.Add(alias);
        }
    }
}
