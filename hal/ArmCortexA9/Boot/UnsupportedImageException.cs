// The one-line error for a well-formed image that asks for something this board cannot do yet.
using System;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>
/// A valid ELF image needs a feature the board lacks (for now: a Thumb entry point).
/// <see cref="Exception.Message"/> is a single line.
/// </summary>
public sealed class UnsupportedImageException : Exception
{
    public UnsupportedImageException(string message)
        : base(message)
    {
    }
}
