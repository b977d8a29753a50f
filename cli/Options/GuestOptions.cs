// Options shared by every verb that boots a guest ELF on the emulated board.
using CommandLine;

namespace Codezero.Cli.Options;

/// <summary>
/// The ELF and board settings. Guest arguments (everything after the ELF) are split off before
/// CommandLineParser sees the command line, so they may start with '-'. Kept whole for trimming
/// by the [DynamicDependency] on <see cref="Program.Main"/>.
/// </summary>
public abstract class GuestOptions
{
    public const string MaxInstructionsName = "max-instructions";
    public const string SemihostingRootName = "semihosting-root";
    public const string RamMibName = "ram-mib";
    public const string CpusName = "cpus";
    public const string ModeName = "mode";

    [Value(0, MetaName = "elf", Required = true,
        HelpText = "Bare-metal ARM ELF to boot; every argument after it is passed to the guest.")]
    public string Elf { get; set; } = string.Empty;

    [Option(MaxInstructionsName, MetaValue = "N",
        HelpText = "Stop after N instructions (exit status 66 with run).")]
    public long? MaxInstructions { get; set; }

    [Option(SemihostingRootName, MetaValue = "DIR",
        HelpText = "Host directory the guest may open, create, remove and rename files in (default: none).")]
    public string? SemihostingRoot { get; set; }

    [Option(RamMibName, Default = 128, MetaValue = "N",
        HelpText = "RAM at 0x60000000 in MiB, 1 to 1024.")]
    public int RamMib { get; set; } = 128;

    [Option(CpusName, Default = 1, MetaValue = "N",
        HelpText = "Number of Cortex-A9 cores, 1 to 4; a bare ELF starts every core at its entry, as QEMU does.")]
    public int Cpus { get; set; } = 1;

    [Option(ModeName, Default = "deterministic", MetaValue = "MODE",
        HelpText = "deterministic (one host thread interleaves the cores; runs repeat bit for bit) or parallel (one host thread per core).")]
    public string Mode { get; set; } = "deterministic";
}
