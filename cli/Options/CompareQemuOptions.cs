// Options of `codezero compare-qemu`: run an ELF here and under qemu-arm and compare.
using CommandLine;

namespace Codezero.Cli.Options;

[Verb("compare-qemu", HelpText = "Run an ELF on this board and under qemu-arm; compare stdout and exit status, and time both.")]
public sealed class CompareQemuOptions : GuestOptions
{
    public const string QemuName = "qemu";
    public const string TimeoutName = "timeout";

    [Option(QemuName, Default = "qemu-arm", MetaValue = "PATH", HelpText = "The QEMU user-mode emulator to compare with.")]
    public string Qemu { get; set; } = "qemu-arm";

    [Option(TimeoutName, Default = 600, MetaValue = "SECONDS", HelpText = "Give up on qemu-arm after this many seconds (exit status 69).")]
    public int Timeout { get; set; } = 600;
}
