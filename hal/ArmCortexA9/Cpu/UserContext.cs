// A thread's user-mode register state as the kernel saves it: r0-r14, the PC to resume at, and CPSR.
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>
/// What a context switch saves and restores for a user thread. Plain and unmanaged, so it can live in
/// a thread control block in the kernel region.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct UserContext
{
    /// <summary>r0-r14 (r13 and r14 are the User-mode SP and LR).</summary>
    public fixed uint R[15];

    /// <summary>The address the thread resumes at.</summary>
    public uint Pc;

    /// <summary>The thread's CPSR; its mode is always User when loaded.</summary>
    public uint Cpsr;
}
