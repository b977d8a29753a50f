// Settings of one emulated board: RAM, cores, console streams, semihosting sandbox.
using System.IO;

namespace Codezero.Hal.ArmCortexA9;

/// <summary>What to build when a <see cref="Board"/> is created.</summary>
public sealed class BoardOptions
{
    /// <summary>RAM at 0x60000000, in bytes (default 128 MiB as QEMU's vexpress-a9).</summary>
    public uint RamSize { get; init; } = 128u << 20;

    /// <summary>Number of cores (1 for Board 1).</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Where UART0 and semihosting console output go (null: discarded).</summary>
    public Stream? ConsoleOutput { get; init; }

    /// <summary>Where the guest's semihosting stderr (":tt" opened for append) goes (null: discarded).</summary>
    public Stream? ConsoleError { get; init; }

    /// <summary>Whether the host console is a terminal: SYS_ISTTY answers 1 for the ":tt" handles (newlib then line-buffers stdout).</summary>
    public bool ConsoleIsTerminal { get; init; }

    /// <summary>Where semihosting console input comes from (null: end of file).</summary>
    public Stream? ConsoleInput { get; init; }

    /// <summary>Whether SVC 0x123456 / BKPT 0xAB from privileged modes are semihosting calls.</summary>
    public bool Semihosting { get; init; } = true;

    /// <summary>The only host directory semihosting file operations may touch (null: none allowed).</summary>
    public string? SemihostingRoot { get; init; }

    /// <summary>The command line SYS_GET_CMDLINE returns (program name first, arguments joined by spaces).</summary>
    public string CommandLine { get; init; } = "guest";

    /// <summary>Decoded-instruction cache pages (16 KiB of host memory each, 4 KiB of guest code each).</summary>
    public int CodeCachePages { get; init; } = 1024;
}
