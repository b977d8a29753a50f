// Options of `codezero inspect`: validate a manifest and show what booting it would create.
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("inspect", isDefault: false, HelpText = "Validate a manifest and print the memory layout and every container's capability table.")]
public sealed class InspectOptions
{
    [Value(0, MetaName = "manifest", Required = true, HelpText = "A container manifest (TOML).")]
    public string Manifest { get; set; } = "";

    /// <summary>Positional arguments after the first: none are allowed (Program reports them as a usage error).</summary>
    [Value(1, MetaName = "unexpected", Hidden = true)]
    public System.Collections.Generic.IEnumerable<string> Unexpected { get; set; } = [];

    [Option(GuestOptions.CpusName, MetaValue = "N", HelpText = "Number of Cortex-A9 cores, 1 to 4 (default: the manifest's, else 4).")]
    public int? Cpus { get; set; }
}
