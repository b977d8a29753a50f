// Saving and loading a user thread's registers on this core: the hardware half of a context switch.
using System;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>The CPSR bits a user thread may carry: flags, Q, GE, the endianness bit, and Thumb state with ITSTATE.</summary>
    public const uint UserCpsrBits = Psr.Nzcv | Psr.Q | Psr.Ge | Psr.E | Psr.T | Psr.ItLow | Psr.ItHigh;

    /// <summary>
    /// Saves the User-mode registers into <paramref name="context"/>, with <paramref name="resumeAt"/> as
    /// the PC (an exception hook passes the return address it was given). Works in any mode: r8-r14 are
    /// read from the User bank.
    /// </summary>
    public void SaveUserContext(UserContext* context, uint resumeAt)
    {
        if (Mode == ProcessorMode.User)
        {
            // The usual case (a kernel entry at a user instruction boundary): the live registers are the user's.
            Buffer.MemoryCopy(R, context->R, 15 * sizeof(uint), 15 * sizeof(uint));
        }
        else
        {
            for (int i = 0; i < 15; i++)
            {
                context->R[i] = ReadUserRegister(i);
            }
        }
        context->Pc = resumeAt;
        context->Cpsr = Cpsr;
    }

    /// <summary>
    /// Makes the core run the thread described by <paramref name="context"/> next: User mode, its
    /// registers, its PC, in ARM or Thumb state. Only the flags, Q, GE, E, T and ITSTATE are taken from
    /// the saved CPSR: a context (which exchange_registers lets another thread write) can never carry a
    /// thread into a privileged mode, mask interrupts, or switch to Jazelle. ITSTATE is kept only in Thumb
    /// state and only when it describes an IT block (IT[3:0] nonzero); the PC is aligned for the state.
    /// </summary>
    public void LoadUserContext(UserContext* context)
    {
        uint cpsr = (context->Cpsr & UserCpsrBits) | (uint)ProcessorMode.User;
        uint pc = context->Pc;
        if ((cpsr & Psr.T) == 0 || (ItFromPsr(cpsr) & 0xF) == 0)
        {
            cpsr &= ~(Psr.ItLow | Psr.ItHigh);
        }
        WriteCpsr(cpsr);
        Buffer.MemoryCopy(context->R, R, 15 * sizeof(uint), 15 * sizeof(uint));
        SetPc(pc & ((cpsr & Psr.T) != 0 ? ~1u : ~3u));
        StopBlock = true;
    }

    /// <summary>
    /// Steps the thread on this core back to the <c>svc</c> it has just executed, for a system call that
    /// restarts: returns the svc's length (4 in ARM state, 2 in Thumb state) for the caller to take off
    /// the resume address, and in Thumb state gives back the ITSTATE the svc had (it may sit inside an IT
    /// block, and the exception left the state for the instruction after it). Valid in the exception
    /// hook of that svc, before anything else runs on the core.
    /// </summary>
    public uint RewindToSvc()
    {
        if ((Control & Psr.T) == 0)
        {
            return 4;
        }
        ItState = _itAtStart;
        return 2;
    }
}
