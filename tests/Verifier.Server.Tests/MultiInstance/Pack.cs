using Verifier.V1;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>A pack the test uploaded, named as a pharmacy's scanner names it.</summary>
public sealed record Pack(string ProductCode, string Batch, string Expiry, string Serial)
{
    public PackIdentifier Identifier => new()
    {
        Fields = new PackFields { ProductCode = ProductCode, SerialNumber = Serial, Batch = Batch, Expiry = Expiry },
    };

    public override string ToString() => $"{ProductCode}/{Batch}/{Serial}";
}
