// Rendezvous IPC in registers (short tier), the atomic call, and fault messages sent on a thread's behalf.
using Codezero.Kernel.Abi;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A sender blocks until its receiver waits and a receiver until a sender comes; nothing is buffered.
/// Senders wait in their receiver's FIFO. A call (send and receive both given) never leaves a window:
/// when its message is taken, the caller goes straight to waiting for the reply in the same step. A
/// fault is the same protocol with the kernel composing the message from the fault registers, and the
/// pager's answer deciding whether the thread resumes, skips the instruction, or is stopped.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private const uint TierMask = 3;

    private int Ipc(Tcb* caller, uint to, uint from, uint flags)
    {
        if (to == ThreadId.Nil && from == ThreadId.Nil)
        {
            return -Errno.EINVAL;
        }
        if ((flags & TierMask) != 0 || (flags & ~TierMask) != 0)
        {
            return -Errno.EINVAL; // the full and extended tiers come with issue Kernel 2
        }
        Tcb* receiver = null;
        if (to != ThreadId.Nil)
        {
            receiver = Lookup(to);
            if (receiver == null || receiver->State == ThreadState.Zombie)
            {
                return -Errno.ESRCH;
            }
            if (receiver == caller)
            {
                return -Errno.EDEADLK;
            }
            if (receiver->Container != caller->Container)
            {
                return -Errno.EPERM;
            }
        }
        if (from != ThreadId.Nil && from != ThreadId.Any)
        {
            Tcb* sender = Lookup(from);
            if (sender == null || sender->State == ThreadState.Zombie)
            {
                return -Errno.ESRCH;
            }
            if (sender == caller)
            {
                return -Errno.EDEADLK;
            }
            if (sender->Container != caller->Container)
            {
                return -Errno.EPERM;
            }
        }
        caller->IpcFlags = flags;
        caller->ReceiveFrom = from;
        if (receiver != null)
        {
            if (from != ThreadId.Nil)
            {
                caller->Flags |= ThreadFlags.Call;
            }
            if (!Deliver(caller, receiver))
            {
                SaveCurrent(_core);
                caller->State = ThreadState.BlockedSend;
                caller->Partner = to;
                QueueAppend(ref receiver->SendersHead, ref receiver->SendersTail, caller, SlotOf(receiver));
                return NoResult;
            }
            caller->Flags &= ~ThreadFlags.Call;
            if (from == ThreadId.Nil)
            {
                return 0;
            }
        }
        return Receive(caller, from) ? 0 : NoResult;
    }

    /// <summary>
    /// Hands <paramref name="sender"/>'s message to <paramref name="receiver"/> if it waits for it (true);
    /// a faulting receiver waiting for its pager takes the message as the pager's answer.
    /// </summary>
    private bool Deliver(Tcb* sender, Tcb* receiver)
    {
        if (receiver->State != ThreadState.BlockedReceive || (receiver->Partner != ThreadId.Any && receiver->Partner != sender->Tid))
        {
            return false;
        }
        if ((receiver->Flags & ThreadFlags.Faulting) != 0)
        {
            AnswerFault(receiver, MessageWord(sender, 0));
            return true;
        }
        CopyMessage(sender, receiver);
        receiver->Context.R[0] = 0;
        MakeRunnable(receiver);
        return true;
    }

    /// <summary>
    /// The receive half for <paramref name="receiver"/> (running or just released from a call's send):
    /// takes a matching queued sender's message (true), or blocks it waiting (false).
    /// </summary>
    private bool Receive(Tcb* receiver, uint from)
    {
        Tcb* sender = null;
        for (int slot = receiver->SendersHead; slot != 0; slot = Slot(slot)->QueueNext)
        {
            Tcb* s = Slot(slot);
            if (from == ThreadId.Any || s->Tid == from)
            {
                sender = s;
                break;
            }
        }
        if (sender == null)
        {
            if (_cpu[_core].Current == SlotOf(receiver))
            {
                SaveCurrent(_core);
            }
            receiver->State = ThreadState.BlockedReceive;
            receiver->Partner = from;
            return false;
        }
        QueueRemove(ref receiver->SendersHead, ref receiver->SendersTail, sender);
        CopyMessage(sender, receiver);
        SenderDelivered(sender);
        return true;
    }

    /// <summary>A queued sender's message was taken: it resumes, or for a call waits for the reply at once.</summary>
    private void SenderDelivered(Tcb* sender)
    {
        if ((sender->Flags & ThreadFlags.Call) == 0)
        {
            sender->Context.R[0] = 0;
            MakeRunnable(sender);
            return;
        }
        if ((sender->Flags & ThreadFlags.Faulting) != 0)
        {
            sender->State = ThreadState.BlockedReceive;
            sender->Partner = sender->ReceiveFrom;
            return;
        }
        sender->Flags &= ~ThreadFlags.Call;
        if (Receive(sender, sender->ReceiveFrom))
        {
            sender->Context.R[0] = 0;
            MakeRunnable(sender);
        }
    }

    /// <summary>MR<paramref name="i"/> of a sender: its fault message, or its registers r3-r8.</summary>
    private uint MessageWord(Tcb* sender, int i)
        => (sender->Flags & ThreadFlags.Faulting) != 0 ? sender->FaultMessage[i] : UserRegister(sender, 3 + i);

    private void CopyMessage(Tcb* sender, Tcb* receiver)
    {
        for (int i = 0; i < 6; i++)
        {
            SetUserRegister(receiver, 3 + i, i == 1 ? sender->Tid : MessageWord(sender, i));
        }
    }

    /// <summary>Sends the current thread's fault to its pager and blocks it for the answer.</summary>
    private void SendFault(Tcb* t)
    {
        Tcb* pager = Lookup(t->Pager);
        if (pager == null || pager == t || pager->State == ThreadState.Zombie)
        {
            StopFaulted(t, "no pager");
            return;
        }
        t->Flags |= ThreadFlags.Faulting | ThreadFlags.Call;
        t->ReceiveFrom = pager->Tid;
        if (Deliver(t, pager))
        {
            t->State = ThreadState.BlockedReceive;
            t->Partner = pager->Tid;
            return;
        }
        t->State = ThreadState.BlockedSend;
        t->Partner = pager->Tid;
        QueueAppend(ref pager->SendersHead, ref pager->SendersTail, t, SlotOf(pager));
    }

    /// <summary>The pager answered a fault: retry the instruction, skip it, or stop the thread.</summary>
    private void AnswerFault(Tcb* t, uint answer)
    {
        if (answer != FaultTag.Retry && answer != FaultTag.Skip)
        {
            StopFaulted(t, "its pager refused");
            return;
        }
        t->Flags &= ~(ThreadFlags.Faulting | ThreadFlags.Call);
        if (answer == FaultTag.Skip)
        {
            t->Context.Pc += 4;
        }
        t->State = ThreadState.Inactive;
        MakeRunnable(t);
    }

    private void QueueAppend(ref int head, ref int tail, Tcb* t, int owner)
    {
        int slot = SlotOf(t);
        t->QueueNext = 0;
        t->QueuePrev = tail;
        t->QueueOwner = owner;
        if (tail != 0)
        {
            Slot(tail)->QueueNext = slot;
        }
        else
        {
            head = slot;
        }
        tail = slot;
    }

    private void QueueRemove(ref int head, ref int tail, Tcb* t)
    {
        int next = t->QueueNext;
        int prev = t->QueuePrev;
        if (prev != 0)
        {
            Slot(prev)->QueueNext = next;
        }
        else
        {
            head = next;
        }
        if (next != 0)
        {
            Slot(next)->QueuePrev = prev;
        }
        else
        {
            tail = prev;
        }
        t->QueueNext = t->QueuePrev = t->QueueOwner = 0;
    }
}
