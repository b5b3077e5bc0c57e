using ZXing;

namespace Verifier.Imaging;

/// <summary>
/// ZXing's view of a <see cref="GrayImage"/>. This is the few lines ZXing.Net.Bindings.SkiaSharp
/// would provide; the pixels are already luminance (converted once from the SKBitmap in <see cref="ImageLoading"/>).
/// </summary>
internal sealed class GrayLuminanceSource : BaseLuminanceSource
{
    public GrayLuminanceSource(GrayImage image)
        : base(image.Pixels, image.Width, image.Height)
    {
    }

    private GrayLuminanceSource(byte[] luminances, int width, int height)
        : base(luminances, width, height)
    {
    }

    protected override LuminanceSource CreateLuminanceSource(byte[] newLuminances, int width, int height) =>
        new GrayLuminanceSource(newLuminances, width, height);
}
