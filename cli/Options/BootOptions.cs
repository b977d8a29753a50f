// Options of `codezero boot`: run the containers a manifest describes on the Codezero kernel.
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("boot", isDefault: false, HelpText = "Boot the containers of a manifest (docs/manifest.md) on the Codezero kernel and run them to the end.")]
public sealed class BootOptions
{
    [Value(0, MetaName = "manifest", Required = true, HelpText = "A container manifest (TOML).")]
    public string Manifest { get; set; } = "";

    /// <summary>Positional arguments after the first: none are allowed (Program reports them as a usage error).</summary>
    [Value(1, MetaName = "unexpected", Hidden = true)]
    public System.Collections.Generic.IEnumerable<string> Unexpected { get; set; } = [];

    [Option(GuestOptions.CpusName, MetaValue = "N", HelpText = "Number of Cortex-A9 cores, 1 to 4 (default: the manifest's [board] cores, else 4).")]
    public int? Cpus { get; set; }

    [Option(GuestOptions.ModeName, Default = "deterministic", MetaValue = "MODE",
        HelpText = "deterministic (one host thread interleaves the cores) or parallel (one host thread per core).")]
    public string Mode { get; set; } = "deterministic";

    [Option(MaxCyclesName, MetaValue = "N", HelpText = "Stop at the first kernel entry after N emulated cycles on any core (exit status 66).")]
    public long? MaxCycles { get; set; }

    [Option("stats", HelpText = "Also print the kernel's per-core statistics on stderr at the end.")]
    public bool Stats { get; set; }

    [Option(TraceName, MetaValue = "FILE", HelpText = "Write a timeline of the run (Chrome trace events; open it in ui.perfetto.dev).")]
    public string? Trace { get; set; }

    [Option("no-color", HelpText = "No colour in the container name prefixes, even on a terminal.")]
    public bool NoColor { get; set; }

    public const string MaxCyclesName = "max-cycles";
    public const string TraceName = "trace";
}
