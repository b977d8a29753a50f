// One shared interrupt line as the kernel sees it: the thread that handles it and the interrupts counted.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Irq;

[StructLayout(LayoutKind.Sequential)]
public struct IrqLine
{
    /// <summary>Id of the thread registered for the line (0: none).</summary>
    public uint Handler;

    /// <summary>Interrupts that came since the handler last collected them (saturates).</summary>
    public uint Count;

    /// <summary>Statistics: interrupts taken on the line since boot.</summary>
    public long Total;
}
