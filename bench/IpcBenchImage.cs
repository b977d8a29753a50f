// Finds guests/build/l4/ipcbench.elf and patches its config block (guests/l4/ipcbench.c) before boot.
using System;
using System.Buffers.Binary;
using System.IO;
using Codezero.Hal.ArmCortexA9.Boot;

namespace Codezero.Bench;

/// <summary>What ipcbench.c does, as its config block holds it (the layout of struct ipcbench_config).</summary>
public readonly record struct IpcBenchConfig(uint Mode, uint Tier, uint Size, bool Cross, uint Rounds, uint Role)
{
    public const uint Suite = 0, Batch = 1, KernelPath = 2;
    public const uint Server = 0, Yielder = 1;
}

/// <summary>The guest program of the benchmarks: located once, patched per configuration.</summary>
public static class IpcBenchImage
{
    public const string FileName = "ipcbench.elf";

    // "IPCBENCH" as the two little-endian words of ipcbench_config.magic0/magic1.
    private static ReadOnlySpan<byte> Magic => "IPCBENCH"u8;

    /// <summary>
    /// guests/build/l4/ipcbench.elf, searched upwards from <paramref name="start"/> (when given), the
    /// current directory and the directory of the running program.
    /// </summary>
    public static string Find(string? start = null)
    {
        foreach (string? origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? dir = origin; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "guests", "build", "l4", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException($"guests/build/l4/{FileName} not found: build the guests with `make -C guests l4` (or give its path)");
    }

    /// <summary>The ELF with its config block set to <paramref name="config"/>.</summary>
    public static ElfImage Load(string path, IpcBenchConfig config)
    {
        byte[] file = File.ReadAllBytes(path);
        int at = file.AsSpan().IndexOf(Magic);
        if (at < 0 || file.AsSpan(at + 1).IndexOf(Magic) >= 0)
        {
            throw new InvalidDataException($"{path}: no single ipcbench config block (\"IPCBENCH\"): rebuild it from guests/l4/ipcbench.c");
        }
        Span<byte> block = file.AsSpan(at + 8, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(block[0..], config.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], config.Tier);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], config.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], config.Cross ? 1u : 0u);
        BinaryPrimitives.WriteUInt32LittleEndian(block[16..], config.Rounds);
        BinaryPrimitives.WriteUInt32LittleEndian(block[20..], config.Role);
        return ElfImage.Parse(file, Path.GetFileName(path));
    }
}
