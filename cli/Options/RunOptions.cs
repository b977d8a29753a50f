// Options of `codezero run`: boot an ELF and pass its output and exit status through.
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("run", isDefault: false, HelpText = "Boot a bare-metal ELF on the emulated vexpress-a9 and exit with its status.")]
public sealed class RunOptions : GuestOptions
{
    public const string SummaryName = "summary";

    [Option(SummaryName, HelpText = "Print instructions, host seconds, MIPS and code-cache pages on stderr at the end.")]
    public bool Summary { get; set; }
}
