// The process exit statuses of codezero, besides the guest's own (documented in docs/cli.md).
namespace Codezero.Cli;

/// <summary>
/// Exit statuses codezero itself produces. <c>run</c> otherwise exits with the guest's semihosting
/// exit status (0-255), so a guest that exits with one of these numbers is indistinguishable
/// from the condition; pick guest statuses below 64 when that matters.
/// </summary>
public static class ExitStatus
{
    /// <summary><c>compare-qemu</c>: both runs gave the same stdout and exit status.</summary>
    public const int Identical = 0;

    /// <summary><c>compare-qemu</c>: the runs differ (stdout, exit status, or our run did not exit).</summary>
    public const int Different = 1;

    /// <summary>Bad command line: unknown verb or option, bad value, missing ELF argument, bad --semihosting-root.</summary>
    public const int Usage = 64;

    /// <summary>The ELF could not be used: missing or unreadable file, not ELF, truncated, not ARM, not in RAM.</summary>
    public const int BadElf = 65;

    /// <summary><c>run</c>: --max-instructions retired before the guest exited.</summary>
    public const int InstructionLimit = 66;

    /// <summary>The guest stopped without exiting: every core waiting forever, or another board limit.</summary>
    public const int GuestStopped = 67;

    /// <summary><c>compare-qemu</c>: qemu-arm could not be started or did not finish within --timeout.</summary>
    public const int ReferenceUnavailable = 69;

    /// <summary><c>boot</c>: a container's root thread exited with a non-zero code.</summary>
    public const int ContainerFailed = 1;

    /// <summary><c>boot</c>: a thread was stopped by a fault nobody served.</summary>
    public const int ContainerFault = 70;

    /// <summary><c>boot</c>, <c>inspect</c>: the manifest is malformed or cannot be booted (file:line:column: field: problem).</summary>
    public const int ManifestError = 78;

    /// <summary><c>boot</c>: stopped by Ctrl-C (the summary is printed all the same).</summary>
    public const int Interrupted = 130;
}
