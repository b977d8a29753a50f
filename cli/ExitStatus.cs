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

    /// <summary>Bad command line: unknown verb or option, bad value, missing or extra argument, bad --semihosting-root, an output file that cannot be created.</summary>
    public const int Usage = 64;

    /// <summary>The ELF could not be used: missing, unreadable or not a regular file, larger than the board's RAM, not ELF, truncated, not ARM, not in RAM, a libl4 program given to run.</summary>
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

    /// <summary>codezero itself failed in a way no check foresaw (a bug; the one-line message names the exception).</summary>
    public const int InternalError = 71;

    /// <summary>Reading or writing a file or the console failed in a way no check foresaw (the message says how).</summary>
    public const int IoError = 74;

    /// <summary><c>boot</c>, <c>inspect</c>: the manifest is malformed or cannot be booted (file:line:column: field: problem).</summary>
    public const int ManifestError = 78;

    /// <summary><c>boot</c>, <c>kernel</c>: stopped by Ctrl-C (the summary or the thread report is printed all the same).</summary>
    public const int Interrupted = 130;
}
