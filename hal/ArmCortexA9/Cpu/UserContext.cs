// A thread's user-mode register state as the kernel saves it: r0-r14, the PC to resume at, and CPSR.
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>
/// What a context switch saves and restores for a user thread. Plain and unmanaged, so it can live in
/// a thread control block in the kernel region. The instruction set is CPSR.T: <see cref="Pc"/> is the
/// address of the instruction to resume at in either state, and in Thumb state CPSR also carries the
/// ITSTATE of that instruction (a thread may stop inside an IT block).
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

    /// <summary>True when the thread resumes in Thumb state.</summary>
    public readonly bool Thumb => (Cpsr & Psr.T) != 0;

    /// <summary>Bytes of the thread's <c>svc</c>: 4 in ARM state, 2 in Thumb state (only the 16-bit SVC exists).</summary>
    public readonly uint SvcLength => (Cpsr & Psr.T) != 0 ? 2u : 4u;

    /// <summary>
    /// The resume address as an interworking address, as BX takes it: <see cref="Pc"/> with bit 0 set in
    /// Thumb state (what exchange_registers reads as the PC).
    /// </summary>
    public readonly uint InterworkingPc => Pc | ((Cpsr >> 5) & 1);

    /// <summary>
    /// Starts the thread at an interworking address, as BX does: bit 0 set selects Thumb state at the
    /// address with bit 0 cleared, bit 0 clear selects ARM state (at the word-aligned address). Outside
    /// any IT block. Used for ELF entry points, thread start addresses and exchange_registers PCs.
    /// </summary>
    public void SetEntry(uint address)
    {
        uint cpsr = Cpsr & ~(Psr.T | Psr.ItLow | Psr.ItHigh);
        if ((address & 1) != 0)
        {
            Cpsr = cpsr | Psr.T;
            Pc = address & ~1u;
        }
        else
        {
            Cpsr = cpsr;
            Pc = address & ~3u;
        }
    }

    /// <summary>
    /// Moves the thread on past the instruction of <paramref name="length"/> bytes it would resume at
    /// (a skipped fault, a given-up svc restart): the PC steps on, and inside an IT block ITSTATE
    /// advances as if that instruction had executed.
    /// </summary>
    public void StepOver(uint length)
    {
        Pc += length;
        uint it = ArmCore.ItFromPsr(Cpsr);
        if (it != 0)
        {
            Cpsr = (Cpsr & ~(Psr.ItLow | Psr.ItHigh)) | ArmCore.ItBits(ArmCore.ItAdvance(it));
        }
    }
}
