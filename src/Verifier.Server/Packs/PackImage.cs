using Verifier.Imaging;

namespace Verifier.Server.Packs;

/// <summary>A request's pack photo to the scanner text of its first DataMatrix, or InvalidArgument saying why there is none.</summary>
internal static class PackImage
{
    public static string Decode(ReadOnlySpan<byte> image)
    {
        try
        {
            return DataMatrixDecoder.Decode(image)[0].ScannerText;
        }
        catch (ImageRejectedException rejected)
        {
            throw ScanResolution.Invalid($"The image gives no unique identifier: {rejected.Message}", $"{rejected.Code}@-1");
        }
    }
}
