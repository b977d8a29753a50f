// Saving and loading a user thread's registers on this core: the hardware half of a context switch.
using System;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>The CPSR bits a user thread may carry: flags, Q, GE and the endianness bit.</summary>
    public const uint UserCpsrBits = Psr.Nzcv | Psr.Q | Psr.Ge | Psr.E;

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
    /// registers, its PC. Only the flags, Q, GE and E are taken from the saved CPSR: a context (which
    /// exchange_registers lets another thread write) can never carry a thread into a privileged mode,
    /// mask interrupts, or switch to Thumb or Jazelle.
    /// </summary>
    public void LoadUserContext(UserContext* context)
    {
        uint cpsr = (context->Cpsr & UserCpsrBits) | (uint)ProcessorMode.User;
        WriteCpsr(cpsr);
        Buffer.MemoryCopy(context->R, R, 15 * sizeof(uint), 15 * sizeof(uint));
        SetPc(context->Pc & ~3u);
        StopBlock = true;
    }
}
