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
        uint control = Control & ~(Psr.T | Psr.E | Psr.J | Psr.ItLow | Psr.ItHigh);
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

    /// <summary>Undefined-instruction exception for the instruction now executing.</summary>
    public void Undefined() => TakeException(ExceptionKind.Undefined, R[15] - 4);

    /// <summary>Data abort for the instruction now executing: records DFSR/DFAR and vectors.</summary>
    public void DataAbort(uint address, uint faultStatus, bool write, uint domain = 0)
    {
        Dfsr = (faultStatus & 0xF) | ((faultStatus & 0x10) << 6) | (domain << 4) | (write ? 1u << 11 : 0);
        Dfar = address;
        TakeException(ExceptionKind.DataAbort, R[15]);
    }

    /// <summary>Prefetch abort for an instruction at <paramref name="pc"/> that could not be fetched.</summary>
    public void PrefetchAbort(uint pc, uint faultStatus, uint domain = 0)
    {
        Ifsr = (faultStatus & 0xF) | ((faultStatus & 0x10) << 6);
        Ifar = pc;
        _ = domain; // IFSR has no domain field on ARMv7
        TakeException(ExceptionKind.PrefetchAbort, pc + 4);
    }
}
