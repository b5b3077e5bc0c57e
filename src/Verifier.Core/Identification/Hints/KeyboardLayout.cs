namespace Verifier.Core.Identification.Hints;

/// <summary>
/// The printable characters of a keyboard layout by physical key, unshifted and shifted, in one
/// common key order: number row (13 keys), top letter row (12), the key beside Enter (1),
/// home row (11), the ISO key beside left Shift (1), bottom row (10). '\0' marks no character.
/// AltGr levels and dead-key composition are left out: scanners rarely need them for UI data.
/// </summary>
internal sealed class KeyboardLayout
{
    public static readonly KeyboardLayout Us = new(
        "US",
        "`1234567890-=" + "qwertyuiop[]" + "\\" + "asdfghjkl;'" + "\0" + "zxcvbnm,./",
        "~!@#$%^&*()_+" + "QWERTYUIOP{}" + "|" + "ASDFGHJKL:\"" + "\0" + "ZXCVBNM<>?");

    public static readonly KeyboardLayout German = new(
        "German (QWERTZ)",
        "^1234567890ß´" + "qwertzuiopü+" + "#" + "asdfghjklöä" + "<" + "yxcvbnm,.-",
        "°!\"§$%&/()=?`" + "QWERTZUIOPÜ*" + "'" + "ASDFGHJKLÖÄ" + ">" + "YXCVBNM;:_");

    public static readonly KeyboardLayout French = new(
        "French (AZERTY)",
        "²&é\"'(-è_çà)=" + "azertyuiop^$" + "*" + "qsdfghjklmù" + "<" + "wxcvbn,;:!",
        "\01234567890°+" + "AZERTYUIOP¨£" + "µ" + "QSDFGHJKLM%" + ">" + "WXCVBN?./§");

    private KeyboardLayout(string name, string unshifted, string shifted)
    {
        Name = name;
        Unshifted = unshifted;
        Shifted = shifted;
    }

    public string Name { get; }

    private string Unshifted { get; }

    private string Shifted { get; }

    /// <summary>
    /// How to undo a mismatch: the scanner picks keys by <paramref name="scanner"/>'s layout, the
    /// host reads them by <paramref name="host"/>'s, so each received character maps back to
    /// what the scanner meant by looking up its key in the host layout.
    /// </summary>
    public static IReadOnlyDictionary<char, char> Recovery(KeyboardLayout scanner, KeyboardLayout host)
    {
        var map = new Dictionary<char, char>();
        Add(map, host.Unshifted, scanner.Unshifted);
        Add(map, host.Shifted, scanner.Shifted);
        return map;
    }

    private static void Add(Dictionary<char, char> map, string received, string meant)
    {
        for (var key = 0; key < received.Length; key++)
        {
            if (received[key] != '\0' && meant[key] != '\0' && received[key] != meant[key])
            {
                map.TryAdd(received[key], meant[key]);
            }
        }
    }
}
