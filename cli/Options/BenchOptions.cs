// Options of `codezero bench ipc`: IPC latency and pager-served page faults, kernel path and end to end, against host baselines.
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("bench", isDefault: false, HelpText = "Measure IPC latency: `bench ipc` (kernel path and end to end, every tier and placement, a page fault served by a pager, host baselines).")]
public sealed class BenchOptions
{
    [Value(0, MetaName = "what", Required = true, HelpText = "What to measure: ipc.")]
    public string What { get; set; } = "";

    [Option("batches", Default = 15, MetaValue = "N", HelpText = "Timed batches per case, 1 to 1000 (after one warm-up batch).")]
    public int Batches { get; set; } = 15;

    [Option("round-trips", Default = 10000, MetaValue = "N", HelpText = "Round trips per batch, 1 to 10000000.")]
    public int RoundTrips { get; set; } = 10000;

    [Option("json", HelpText = "Print the report as JSON on stdout instead of tables.")]
    public bool Json { get; set; }

    [Option("elf", MetaValue = "PATH", HelpText = "The benchmark guest (default: guests/build/l4/ipcbench.elf, searched upwards from the current directory and from codezero's); pfbench.elf is taken from the same directory.")]
    public string? Elf { get; set; }
}
