// Options of `codezero bench ipc` (IPC latency and pager-served page faults, kernel path and end to end, against host baselines) and `codezero bench thumb` (Thumb against ARM builds of one guest).
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("bench", isDefault: false, HelpText = "Measure IPC latency: `bench ipc` (kernel path and end to end, every tier and placement, a page fault served by a pager, host baselines); or the Thumb build of guests/programs/bench.c against its ARM build: `bench thumb`.")]
public sealed class BenchOptions
{
    [Value(0, MetaName = "what", Required = true, HelpText = "What to measure: ipc or thumb.")]
    public string What { get; set; } = "";

    /// <summary>Positional arguments after the first: none are allowed (Program reports them as a usage error).</summary>
    [Value(1, MetaName = "unexpected", Hidden = true)]
    public System.Collections.Generic.IEnumerable<string> Unexpected { get; set; } = [];

    [Option("batches", Default = 15, MetaValue = "N", HelpText = "Timed batches per case, 1 to 1000 (after one warm-up batch).")]
    public int Batches { get; set; } = 15;

    [Option("round-trips", Default = 10000, MetaValue = "N", HelpText = "Round trips per batch, 1 to 10000000.")]
    public int RoundTrips { get; set; } = 10000;

    [Option("json", HelpText = "Print the report as JSON on stdout instead of tables.")]
    public bool Json { get; set; }

    [Option("elf", MetaValue = "PATH", HelpText = "The benchmark guest (ipc: guests/build/l4/ipcbench.elf, searched upwards from the current directory and from codezero's; pfbench.elf is taken from the same directory; thumb: the ARM build, guests/build/bench.elf).")]
    public string? Elf { get; set; }

    [Option("thumb-elf", MetaValue = "PATH", HelpText = "thumb: the Thumb build (default guests/build/thumb/bench.elf).")]
    public string? ThumbElf { get; set; }

    [Option("runs", Default = 5, MetaValue = "N", HelpText = "thumb: timed runs of each build, 1 to 100 (after one warm-up run of each, alternating).")]
    public int Runs { get; set; } = 5;

    [Option("iterations", Default = 360, MetaValue = "N", HelpText = "thumb: the guest's iteration count (bench.c's argument), 1 to 100000.")]
    public int Iterations { get; set; } = 360;
}
