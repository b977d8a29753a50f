// Locates a benchmark guest under guests/build/l4 and patches the config block its C source declares.
using System;
using System.Buffers.Binary;
using System.IO;

namespace Codezero.Bench;

/// <summary>
/// The benchmark guests (guests/l4/ipcbench.c, pfbench.c) each hold one config block: eight magic bytes,
/// then 32-bit little-endian words the host overwrites before boot.
/// </summary>
public static class GuestFile
{
    /// <summary>
    /// guests/build/l4/<paramref name="fileName"/>, searched upwards from <paramref name="start"/> (when
    /// given), the current directory and the directory of the running program.
    /// </summary>
    public static string Find(string fileName, string? start = null)
    {
        foreach (string? origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? dir = origin; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "guests", "build", "l4", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException($"guests/build/l4/{fileName} not found: build the guests with `make -C guests l4` (or give its path)");
    }

    /// <summary>Overwrites the words after the single occurrence of <paramref name="magic"/> in <paramref name="file"/>.</summary>
    public static void Patch(byte[] file, string path, ReadOnlySpan<byte> magic, ReadOnlySpan<uint> words)
    {
        int at = file.AsSpan().IndexOf(magic);
        if (at < 0 || file.AsSpan(at + 1).IndexOf(magic) >= 0)
        {
            throw new InvalidDataException($"{path}: no single config block (\"{System.Text.Encoding.ASCII.GetString(magic)}\"): rebuild it from guests/l4");
        }
        Span<byte> block = file.AsSpan(at + magic.Length, words.Length * 4);
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(block[(i * 4)..], words[i]);
        }
    }
}
