// Faults become IPC: the message the kernel sends a pager on a faulting thread's behalf, and the answer.
using Codezero.Kernel.Abi;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A fault is a call the kernel makes for the faulting thread: its message (fault address, status, pc)
/// goes to the thread's pager through the ordinary rendezvous, queued among the pager's senders if it is
/// busy, and the thread then waits for the pager's answer. For an instruction fault the answer retries
/// the instruction, skips it, or stops the thread; for a fault in an IPC buffer it retries the call (or
/// the pending copy) or makes the call return -EFAULT, since a bad pointer must never kill its thread.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    /// <summary>Sends the thread's fault (already in FaultMessage) to its pager and blocks it for the answer.</summary>
    private void SendFault(Tcb* t)
    {
        if (!HasLivePager(t))
        {
            StopFaulted(t, "no pager");
            return;
        }
        Tcb* pager = Lookup(t->Pager);
        t->Flags |= ThreadFlags.Faulting | ThreadFlags.Call;
        t->IpcFlags = IpcFlags.Short;
        t->ReceiveFrom = pager->Tid;
        t->State = ThreadState.Inactive;
        if (WaitsFor(pager, t))
        {
            Deliver(t, pager, out Tcb* woken);
            Wake(woken);
            t->State = ThreadState.BlockedReceive;
            t->Partner = pager->Tid;
            return;
        }
        t->State = ThreadState.BlockedSend;
        t->Partner = pager->Tid;
        QueueAppend(ref pager->SendersHead, ref pager->SendersTail, t, SlotOf(pager));
    }

    /// <summary>A fault in one of <paramref name="t"/>'s IPC buffers, at <paramref name="address"/>, sent to its (live) pager.</summary>
    private void SendBufferFault(Tcb* t, uint address, uint status, uint pc)
    {
        _cpu[_core].Faults++;
        t->Faults++;
        ContainerOf(t)->Faults++;
        t->FaultMessage[0] = FaultTag.DataAbort;
        t->FaultMessage[1] = t->Tid;
        t->FaultMessage[2] = address;
        t->FaultMessage[3] = status;
        t->FaultMessage[4] = pc;
        t->FaultMessage[5] = (status >> 11) & 1;
        t->Flags |= ThreadFlags.BufferFault;
        SendFault(t);
    }

    /// <summary>The pager answered a fault: retry, skip, or stop the thread (for a buffer fault: retry, or -EFAULT).</summary>
    private void AnswerFault(Tcb* t, uint answer)
    {
        t->Flags &= ~(ThreadFlags.Faulting | ThreadFlags.Call);
        t->State = ThreadState.Inactive;
        if ((t->Flags & ThreadFlags.BufferFault) != 0)
        {
            t->Flags &= ~ThreadFlags.BufferFault;
            if ((t->Flags & ThreadFlags.DeliveryPending) != 0)
            {
                if (answer == FaultTag.Retry)
                {
                    SendStagedDelivery(t);
                    return;
                }
                t->Flags &= ~ThreadFlags.DeliveryPending;
                t->Context.R[0] = unchecked((uint)-Errno.EFAULT);
            }
            else if (answer != FaultTag.Retry)
            {
                t->Context.StepOver(t->Context.SvcLength); // past the svc the fault would have restarted
                t->Context.R[0] = unchecked((uint)-Errno.EFAULT);
            }
            MakeRunnable(t);
            return;
        }
        if (answer != FaultTag.Retry && answer != FaultTag.Skip)
        {
            StopFaulted(t, "its pager refused");
            return;
        }
        if (answer == FaultTag.Skip)
        {
            t->Context.StepOver(InstructionLength(t)); // 4 bytes in ARM state, 2 or 4 in Thumb
        }
        MakeRunnable(t);
    }
}
