// irq_control and interrupt delivery to user-level IRQ threads: register, wait, release; mask, count, wake.
using Codezero.Caps;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Irq;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A device's interrupt is served by a user thread (docs/ipc.md, "IRQ threads"). When the line fires the
/// kernel masks it at the distributor, counts it, and wakes the handler if it waits; the handler serves
/// the device and calls WAIT again, which unmasks the line and returns the count, or blocks until the
/// next interrupt. REGISTER needs an IRQ-control (device) cap for the line with Register, and, for
/// another thread, a thread-control cap over it; WAIT and RELEASE need only be the line's handler (which
/// someone holding the device cap made it). A handler that ends gives its lines up.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private const uint IrqRegister = 0;
    private const uint IrqWait = 1;
    private const uint IrqRelease = 2;
    private const int FirstSharedInterrupt = 32;
    private const int InterruptLines = Codezero.Hal.ArmCortexA9.Devices.Gic.InterruptCount;

    /// <summary>The core every registered line is routed to.</summary>
    private const int IrqCore = 0;

    private IrqLine* _irqLines;

    private void InitialiseIrqLines()
    {
        _irqLines = (IrqLine*)_region.Host(_region.Carve((uint)(sizeof(IrqLine) * InterruptLines)));
        new System.Span<byte>(_irqLines, sizeof(IrqLine) * InterruptLines).Clear();
    }

    /// <summary>Interrupts taken on shared line <paramref name="id"/> since boot.</summary>
    public long InterruptsOn(int id) => (uint)id < InterruptLines ? _irqLines[id].Total : 0;

    private int IrqControl(Tcb* caller, uint op, uint irq, uint tid)
    {
        if (op > IrqRelease)
        {
            return -Errno.EINVAL;
        }
        if (irq < FirstSharedInterrupt || irq >= InterruptLines)
        {
            return -Errno.ENOIRQ;
        }
        IrqLine* line = &_irqLines[irq];
        if (op == IrqRegister)
        {
            Tcb* handler = tid == ThreadId.Nil ? caller : Lookup(tid);
            if (handler == null || handler->State == ThreadState.Zombie)
            {
                return -Errno.ESRCH;
            }
            int authority = Authority.Irq(_caps, SubjectOf(caller), irq, CapRights.IrqControl.Register);
            if (authority == 0 && handler != caller)
            {
                authority = Authority.ThreadControl(_caps, SubjectOf(caller), SubjectOf(handler), CapRights.ThreadControl.Run);
            }
            if (authority != 0)
            {
                return authority;
            }
            if (line->Handler != 0)
            {
                return -Errno.EBUSY;
            }
            line->Handler = handler->Tid;
            line->Count = 0;
            _hal.EnableSharedInterrupt(_core, (int)irq, IrqCore);
            return 0;
        }
        if (line->Handler != caller->Tid)
        {
            return -Errno.ENOIRQ;
        }
        if (op == IrqRelease)
        {
            ReleaseIrqLine((int)irq);
            return 0;
        }
        _hal.EnableSharedInterrupt(_core, (int)irq, IrqCore);
        if (line->Count != 0)
        {
            return CollectIrqCount(line);
        }
        SaveCurrent(_core);
        caller->State = ThreadState.BlockedIrq;
        caller->IrqLine = (int)irq;
        return NoResult;
    }

    private static int CollectIrqCount(IrqLine* line)
    {
        int count = (int)line->Count;
        line->Count = 0;
        return count;
    }

    /// <summary>A shared interrupt was acknowledged on this core: mask it, count it, wake its handler.</summary>
    private void DeliverIrq(int id)
    {
        _hal.DisableSharedInterrupt(_core, id);
        if (id >= InterruptLines)
        {
            return;
        }
        IrqLine* line = &_irqLines[id];
        line->Total++;
        if (line->Handler == 0)
        {
            return; // nobody registered: it stays masked
        }
        if (line->Count != uint.MaxValue)
        {
            line->Count++;
        }
        Tcb* handler = Lookup(line->Handler);
        if (handler != null && handler->State == ThreadState.BlockedIrq && handler->IrqLine == id)
        {
            handler->State = ThreadState.Inactive;
            handler->Context.R[0] = (uint)CollectIrqCount(line);
            MakeRunnable(handler);
        }
    }

    /// <summary>A handler blocked in WAIT is taken out of it (suspend, destroy); the line stays registered.</summary>
    private static void StopWaitingForIrq(Tcb* t) => t->IrqLine = 0;

    private void ReleaseIrqLine(int id)
    {
        _irqLines[id].Handler = 0;
        _irqLines[id].Count = 0;
        _hal.DisableSharedInterrupt(_core, id);
    }

    /// <summary>The lines a dying thread handled are released and masked.</summary>
    private void ReleaseIrqLinesOf(uint tid)
    {
        for (int id = FirstSharedInterrupt; id < InterruptLines; id++)
        {
            if (_irqLines[id].Handler == tid)
            {
                ReleaseIrqLine(id);
            }
        }
    }
}
