// An expected failure of the CLI: a one-line message and the exit status that goes with it.
using System;

namespace Codezero.Cli;

/// <summary>
/// Thrown by the commands for conditions the user can fix (bad option, bad ELF, missing tool).
/// <see cref="Program"/> prints "codezero: " + message on stderr and exits with <see cref="Status"/>;
/// it never shows a stack trace.
/// </summary>
public sealed class CliFailure : Exception
{
    public CliFailure(int status, string message)
        : base(message)
    {
        Status = status;
    }

    public int Status { get; }
}
