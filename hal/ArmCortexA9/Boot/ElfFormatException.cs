// The one-line error for an ELF file that is malformed or cannot be placed on this board.
using System;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>
/// An ELF file was rejected. <see cref="Exception.Message"/> is a single line that starts with the
/// file's display name, e.g. "prog.elf: ELF machine is x86-64 (62), expected ARM (40)".
/// </summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message)
        : base(message)
    {
    }
}
