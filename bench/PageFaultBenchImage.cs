// Finds guests/build/l4/pfbench.elf and patches its config block (guests/l4/pfbench.c) before boot.
using System;
using System.IO;
using Codezero.Hal.ArmCortexA9.Boot;

namespace Codezero.Bench;

/// <summary>What pfbench.c does, as its config block holds it (the layout of struct pfbench_config).</summary>
public readonly record struct PageFaultBenchConfig(uint Mode, uint Rounds, uint PageA = PageFaultBenchConfig.DefaultPageA, uint PageB = PageFaultBenchConfig.DefaultPageB)
{
    public const uint Suite = 0, Batch = 1, KernelPath = 2;

    /// <summary>The two pages the toucher writes: neighbours, so one second-level table holds both.</summary>
    public const uint DefaultPageA = 0x4000_0000, DefaultPageB = 0x4000_1000;
}

/// <summary>The page-fault guest of the benchmarks: located once, patched per configuration.</summary>
public static class PageFaultBenchImage
{
    public const string FileName = "pfbench.elf";

    // "PFBENCH!" as the two little-endian words of pfbench_config.magic0/magic1.
    private static ReadOnlySpan<byte> Magic => "PFBENCH!"u8;

    /// <summary>guests/build/l4/pfbench.elf, searched as <see cref="GuestFile.Find"/> does.</summary>
    public static string Find(string? start = null) => GuestFile.Find(FileName, start);

    /// <summary>The ELF with its config block set to <paramref name="config"/>.</summary>
    public static ElfImage Load(string path, PageFaultBenchConfig config)
    {
        byte[] file = File.ReadAllBytes(path);
        GuestFile.Patch(file, path, Magic, [config.Mode, config.Rounds, config.PageA, config.PageB]);
        return ElfImage.Parse(file, Path.GetFileName(path));
    }
}
