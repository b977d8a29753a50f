// ARM semihosting: the host services a bare-metal guest reaches through SVC 0x123456 or BKPT 0xAB.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// Implements the semihosting operations newlib's rdimon uses. The operation number is in r0,
/// the parameter block pointer in r1, and the result goes back in r0.
/// </summary>
public sealed unsafe class Semihost : IDisposable
{
    public const uint SysWriteC = 0x03;
    public const uint SysWrite0 = 0x04;
    public const uint SysExit = 0x18;

    private readonly Board _board;

    public Semihost(Board board, BoardOptions options)
    {
        _board = board;
        Enabled = options.Semihosting;
    }

    public bool Enabled { get; }

    /// <summary>Performs the call in r0/r1 of <paramref name="core"/>.</summary>
    public void Call(ArmCore core)
    {
        uint op = core.R[0];
        uint arg = core.R[1];
        switch (op)
        {
            case SysWriteC:
                if (core.Read8(arg, out uint ch))
                {
                    _board.Console.Write((byte)ch);
                }
                break;
            case SysWrite0:
                while (core.Read8(arg++, out uint b) && b != 0)
                {
                    _board.Console.Write((byte)b);
                }
                break;
            case SysExit:
                _board.RequestExit(arg == 0x20026 ? 0 : 1);
                break;
            default:
                core.R[0] = unchecked((uint)-1);
                break;
        }
    }

    public void Dispose()
    {
    }
}
