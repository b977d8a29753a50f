// Options of `codezero kernel`: boot programs built with libl4 on the Codezero kernel.
using System.Collections.Generic;
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("kernel", isDefault: false, HelpText = "Boot one or more libl4 programs on the Codezero kernel, each as the root thread of a container of its own.")]
public sealed class KernelRunOptions
{
    [Value(0, MetaName = "elf", Min = 1, Required = true, HelpText = "Programs linked with guests/libl4/l4.ld.")]
    public IEnumerable<string> Programs { get; set; } = [];

    [Option(GuestOptions.CpusName, Default = 1, MetaValue = "N", HelpText = "Number of Cortex-A9 cores, 1 to 4.")]
    public int Cpus { get; set; } = 1;

    [Option(GuestOptions.ModeName, Default = "deterministic", MetaValue = "MODE",
        HelpText = "deterministic (one host thread interleaves the cores) or parallel (one host thread per core).")]
    public string Mode { get; set; } = "deterministic";

    [Option(GuestOptions.MaxInstructionsName, MetaValue = "N", HelpText = "Stop after N instructions (exit status 66).")]
    public long? MaxInstructions { get; set; }

    [Option(GuestOptions.RamMibName, Default = 128, MetaValue = "N", HelpText = "RAM at 0x60000000 in MiB, 16 to 1024.")]
    public int RamMib { get; set; } = 128;

    [Option("container-mib", Default = 8, MetaValue = "N", HelpText = "Physical memory of each program's container, in MiB.")]
    public int ContainerMib { get; set; } = 8;

    [Option("stats", HelpText = "Print the kernel's statistics on stderr at the end.")]
    public bool Stats { get; set; }
}
