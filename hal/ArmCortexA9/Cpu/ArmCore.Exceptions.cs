// Exception entry (vector table, banked LR/SPSR, masks) and the fault-status registers it sets.
using System.Runtime.CompilerServices;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>
    /// Optional handler that sees every exception before the vector table does (the native kernel
    /// installs one). It returns true when it handled the exception itself.
    /// </summary>
    public delegate*<ArmCore, ExceptionKind, uint, bool> ExceptionHook;

    /// <summary>The object <see cref="ExceptionHook"/> serves (the kernel instance running this board).</summary>
    public object? HookTarget;

    /// <summary>
    /// Takes an exception. <paramref name="returnAddress"/> is the value LR of the target mode
    /// receives (the architecture's preferred return address plus the A32 offset).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void TakeException(ExceptionKind kind, uint returnAddress)
    {
        ClearExclusive();
        if (kind is ExceptionKind.Undefined or ExceptionKind.PrefetchAbort or ExceptionKind.DataAbort)
        {
            // A fault returns to the faulting instruction: it keeps the ITSTATE that instruction began with.
            ItState = _itAtStart;
        }
        if (ExceptionHook != null && ExceptionHook(this, kind, returnAddress))
        {
            StopBlock = true;
            return;
        }
        uint oldCpsr = Cpsr;
        uint mode = kind switch
        {
            ExceptionKind.Undefined => (uint)ProcessorMode.Undefined,
            ExceptionKind.SupervisorCall or ExceptionKind.Reset => (uint)ProcessorMode.Supervisor,
            ExceptionKind.PrefetchAbort or ExceptionKind.DataAbort => (uint)ProcessorMode.Abort,
            ExceptionKind.Irq => (uint)ProcessorMode.Irq,
            _ => (uint)ProcessorMode.Fiq,
        };
        SwitchMode(mode);
        Spsr = oldCpsr;
        R[14] = returnAddress;
        SetItState(0);
        uint control = Control & ~(Psr.T | Psr.E | Psr.J);
        control |= Psr.I;
        if (kind is ExceptionKind.Fiq or ExceptionKind.Reset)
        {
            control |= Psr.F;
        }
        if (kind is ExceptionKind.Fiq or ExceptionKind.Reset or ExceptionKind.Irq
            or ExceptionKind.PrefetchAbort or ExceptionKind.DataAbort)
        {
            control |= Psr.A;
        }
        if ((Sctlr & Sctlr_TE) != 0)
        {
            control |= Psr.T;
        }
        if ((Sctlr & Sctlr_EE) != 0)
        {
            control |= Psr.E;
        }
        if (((control ^ Control) & Psr.E) != 0)
        {
            FlushSoftTlb();
        }
        Control = control;
        uint vbar = (Sctlr & Sctlr_V) != 0 ? 0xFFFF_0000u : Vbar;
        NextPc = vbar + (uint)kind;
        StopBlock = true;
    }

    /// <summary>
    /// Undefined-instruction exception for the instruction now executing: LR is its address + 4 in ARM
    /// state, + 2 in Thumb state (for 16- and 32-bit encodings alike).
    /// </summary>
    public void Undefined() => TakeException(ExceptionKind.Undefined, R[15] - ((Control & Psr.T) != 0 ? 2u : 4u));

    /// <summary>The address of the instruction now executing (R[15] reads 8 ahead in ARM state, 4 in Thumb).</summary>
    public uint CurrentInstructionAddress => R[15] - ((Control & Psr.T) != 0 ? 4u : 8u);

    /// <summary>Data abort for the instruction now executing: records DFSR/DFAR and vectors.</summary>
    public void DataAbort(uint address, uint faultStatus, bool write, uint domain = 0)
    {
        Dfsr = (faultStatus & 0xF) | ((faultStatus & 0x10) << 6) | (domain << 4) | (write ? 1u << 11 : 0);
        Dfar = address;
        TakeException(ExceptionKind.DataAbort, CurrentInstructionAddress + 8);
    }

    /// <summary>
    /// Prefetch abort for the instruction at <paramref name="pc"/>, whose fetch from <paramref name="faultAddress"/>
    /// failed (the instruction itself, or the second halfword of a T32 encoding crossing a page).
    /// </summary>
    public void PrefetchAbort(uint pc, uint faultAddress, uint faultStatus)
    {
        Ifsr = (faultStatus & 0xF) | ((faultStatus & 0x10) << 6); // IFSR has no domain field on ARMv7
        Ifar = faultAddress;
        TakeException(ExceptionKind.PrefetchAbort, pc + 4);
    }
}
