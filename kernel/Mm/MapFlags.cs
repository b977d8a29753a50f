// What a user mapping allows: the RO, RW, RX, RWX and IO kinds of the map system call.
using System;

namespace Codezero.Kernel.Mm;

[Flags]
public enum MapFlags : uint
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    /// <summary>Device memory (IO): uncached, never executable.</summary>
    Device = 8,

    ReadOnly = Read,
    ReadWrite = Read | Write,
    ReadExecute = Read | Execute,
    ReadWriteExecute = Read | Write | Execute,
    Io = Read | Write | Device,
}
