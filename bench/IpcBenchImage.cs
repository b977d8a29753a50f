// Finds guests/build/l4/ipcbench.elf and patches its config block (guests/l4/ipcbench.c) before boot.
using System;
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

    /// <summary>guests/build/l4/ipcbench.elf, searched as <see cref="GuestFile.Find"/> does.</summary>
    public static string Find(string? start = null) => GuestFile.Find(FileName, start);

    /// <summary>The ELF with its config block set to <paramref name="config"/>.</summary>
    public static ElfImage Load(string path, IpcBenchConfig config)
    {
        byte[] file = File.ReadAllBytes(path);
        GuestFile.Patch(file, path, Magic, [config.Mode, config.Tier, config.Size, config.Cross ? 1u : 0u, config.Rounds, config.Role]);
        return ElfImage.Parse(file, Path.GetFileName(path));
    }
}
