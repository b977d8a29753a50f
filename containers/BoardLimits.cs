// The board a manifest is checked against: RAM, the kernel's part of it, and cores (as fixed by the command line).
namespace Codezero.Containers;

public sealed class BoardLimits
{
    /// <summary>The most cores the board has (vexpress-a9: a quad-core Cortex-A9).</summary>
    public const int MaxCores = 4;

    /// <summary>The RAM sizes a manifest's <c>ram_mib</c> may ask for (the kernel command's range).</summary>
    public const uint MinRamMib = 16, MaxRamMib = 1024;

    /// <summary>RAM a manifest gets when neither it nor the command line says.</summary>
    public const uint DefaultRamMib = 128;

    public uint RamBase { get; init; } = 0x60000000;

    /// <summary>RAM size in bytes as the command line fixed it; 0: the manifest's <c>ram_mib</c>, else 128 MiB.</summary>
    public uint RamSize { get; init; }

    /// <summary>The first byte after the kernel's part of RAM (kernel objects and page-table frames).</summary>
    public uint FirstFreeAddress { get; init; }

    /// <summary>What the kernel's part of RAM holds and what each pool costs, for the message when memory runs out; null: not said.</summary>
    public string? KernelShare { get; init; }

    /// <summary>Cores as the command line fixed them (its --cpus); 0: the manifest's <c>cores</c>, else 4.</summary>
    public int Cores { get; init; }
}
