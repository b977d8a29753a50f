// Sizes in manifests ("8MiB", "512 KiB", or bytes) and how messages print sizes and ranges.
using System.Globalization;

namespace Codezero.Containers;

internal static class Sizes
{
    public const uint Page = 0x1000;
    public const uint MiB = 1u << 20;

    /// <summary>Parses "N", "N KiB", "NMiB", "N GiB" (one optional space); null when the text is not of that form.</summary>
    public static ulong? Parse(string text)
    {
        string digits = text;
        ulong unit = 1;
        foreach ((string suffix, ulong factor) in new[] { ("KiB", 1UL << 10), ("MiB", 1UL << 20), ("GiB", 1UL << 30) })
        {
            if (text.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                digits = text[..^suffix.Length];
                if (digits.EndsWith(' '))
                {
                    digits = digits[..^1];
                }
                unit = factor;
                break;
            }
        }
        if (digits.Length == 0 || digits.Length > 10)
        {
            return null;
        }
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }
        return ulong.Parse(digits, CultureInfo.InvariantCulture) * unit;
    }

    /// <summary>"8 MiB", "12 KiB", "4097 bytes": the largest unit that divides the size.</summary>
    public static string Format(ulong bytes)
    {
        if (bytes != 0 && bytes % (1UL << 30) == 0)
        {
            return $"{bytes >> 30} GiB";
        }
        if (bytes != 0 && bytes % (1UL << 20) == 0)
        {
            return $"{bytes >> 20} MiB";
        }
        if (bytes != 0 && bytes % (1UL << 10) == 0)
        {
            return $"{bytes >> 10} KiB";
        }
        return bytes == 1 ? "1 byte" : $"{bytes} bytes";
    }

    /// <summary>"0x60000000-0x607FFFFF": first and last byte.</summary>
    public static string Range(ulong start, ulong end) => $"0x{start:X8}-0x{end - 1:X8}";

    public static uint AlignUp(uint value, uint alignment) => (value + alignment - 1) & ~(alignment - 1);
}
