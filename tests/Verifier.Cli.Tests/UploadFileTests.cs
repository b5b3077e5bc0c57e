using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Tests;

public sealed class UploadFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("plain")]
    [InlineData("with,comma")]
    [InlineData("with\"quote")]
    [InlineData("")]
    public void Csv_fields_survive_a_round_trip(string value) =>
        Assert.Equal(["a", value, "z"], CsvLine.Split(string.Join(',', "a", CsvLine.Field(value), "z")));

    [Fact]
    public void Serial_rows_are_read_from_CSV_by_header_name()
    {
        var path = Write("s.csv", "serial,batch,product_code,expiry\n\"A,1\",L1,04150123456782,301231\nB2,L1,04150123456782,301231\n");

        var rows = SerialFile.Read(path).ToList();

        Assert.Equal([("A,1", 2L), ("B2", 3L)], rows.Select(r => (r.Serial, r.Line)));
        Assert.All(rows, r => Assert.Equal(("04150123456782", "L1", "301231"), (r.ProductCode, r.Batch, r.Expiry)));
    }

    [Fact]
    public void Serial_rows_are_read_from_JSON_lines()
    {
        var path = Write("s.jsonl", """
            {"product_code":"04150123456782","batch":"L1","expiry":"301231","serial":"A1"}

            {"product_code":"04150123456782","batch":"L1","expiry":"301231","serial":"A2"}
            """);
        Assert.Equal(["A1", "A2"], SerialFile.Read(path).Select(r => r.Serial));
    }

    [Theory]
    [InlineData("s.csv", "product_code,batch,serial\nX,L,S\n")]
    [InlineData("s.csv", "product_code,batch,expiry,serial\nX,L\n")]
    [InlineData("s.jsonl", "{\"product_code\":\"X\"}\n")]
    [InlineData("s.jsonl", "not json\n")]
    public void Malformed_serial_files_name_the_line(string name, string content)
    {
        var exception = Assert.Throws<InvalidDataException>(() => SerialFile.Read(Write(name, content)).ToList());
        Assert.Contains(name + ":", exception.Message);
    }

    [Fact]
    public void Products_are_read_from_CSV_and_JSON_lines()
    {
        var csv = Write("p.csv", ProductFile.Header + "\n110375286414,ppn,Name,inn,tablet,5 mg,20,blister,DE;AT,,mah-acme\n");
        var jsonl = Write("p.jsonl", """{"product_code":"04150123456782","scheme":"gtin","name":"N","pack_size":30,"target_markets":["DE"]}""");

        var fromCsv = Assert.Single(ProductFile.Read(csv)).Product;
        var fromJson = Assert.Single(ProductFile.Read(jsonl)).Product;

        Assert.Equal((ProductCodeScheme.Ppn, 20, "mah-acme"), (fromCsv.Scheme, fromCsv.PackSize, fromCsv.MahId));
        Assert.Equal(["DE", "AT"], fromCsv.TargetMarkets);
        Assert.Equal((ProductCodeScheme.Gtin, 30), (fromJson.Scheme, fromJson.PackSize));
    }

    [Fact]
    public void Upload_ids_follow_the_file_content()
    {
        var a = Write("a.csv", "product_code,batch,expiry,serial\nX,L,301231,S1\n");
        var b = Write("b.csv", "product_code,batch,expiry,serial\nX,L,301231,S1\n");
        var c = Write("c.csv", "product_code,batch,expiry,serial\nX,L,301231,S2\n");

        Assert.Equal(UploadIds.Scan(a), UploadIds.Scan(b));
        Assert.NotEqual(UploadIds.Scan(a).Prefix, UploadIds.Scan(c).Prefix);
        Assert.Equal(2, UploadIds.Scan(a).Lines);
        Assert.Equal("p/X/L", UploadIds.For("p", "X", "L"));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
