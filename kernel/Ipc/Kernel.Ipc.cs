// The ipc system call: decode, then send, receive, atomic call and reply-and-wait over one rendezvous.
using Codezero.Caps;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A sender blocks until its receiver waits and a receiver until a sender comes; nothing is buffered
/// in the kernel but a blocked sender's payload (docs/ipc.md). Senders wait in their receiver's FIFO.
/// A call (to = from) never leaves a window: when its message is taken the caller is waiting for the
/// reply in the same step. A reply-and-wait (to ≠ from) never blocks on its reply. Every argument is
/// checked before anything changes (the decode step); what the tiers copy is Kernel.IpcTransfer.cs,
/// faults as messages Kernel.FaultIpc.cs, and the short same-core fast path Kernel.FastPath.cs.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private long _droppedReplies;

    /// <summary>Replies of reply-and-wait calls dropped because their partner was not waiting for them.</summary>
    public long DroppedReplies => _droppedReplies;

    private int Ipc(Tcb* caller, uint to, uint from, uint flags)
    {
        // Decode: every check, no change.
        if ((to == ThreadId.Nil && from == ThreadId.Nil) || !IpcFlags.Valid(flags))
        {
            return -Errno.EINVAL;
        }
        Tcb* receiver = null;
        bool reply = to != ThreadId.Nil && from != ThreadId.Nil && from != to;
        if (to != ThreadId.Nil)
        {
            int error = CheckPartner(caller, to, out receiver);
            if (error == -Errno.ESRCH && reply && to != ThreadId.Any)
            {
                receiver = null; // a reply to a thread that is gone is dropped like any reply nobody waits for
                _droppedReplies++;
            }
            else if (error != 0)
            {
                return error;
            }
            else if ((error = SendAuthority(caller, receiver, IpcFlags.Tier(flags))) != 0)
            {
                return error;
            }
        }
        if (from != ThreadId.Nil && from != ThreadId.Any)
        {
            int error = CheckPartner(caller, from, out _);
            if (error != 0)
            {
                return error;
            }
        }
        uint tier = IpcFlags.Tier(flags);
        if (tier == IpcFlags.Full && !UtcbUsable(caller))
        {
            return -Errno.ENOUTCB;
        }
        if (tier == IpcFlags.Extended)
        {
            uint buffer = UserRegister(caller, 3 + IpcFlags.Index(flags));
            int size = IpcFlags.Size(flags);
            int check = CheckBuffer(caller, buffer, size, send: to != ThreadId.Nil, receive: from != ThreadId.Nil);
            if (check != 0)
            {
                return check;
            }
            caller->IpcBuffer = buffer;
            caller->IpcSize = size;
        }

        // Invoke.
        caller->IpcFlags = flags;
        caller->ReceiveFrom = from;
        Tcb* woken = null;
        if (receiver != null)
        {
            if (WaitsFor(receiver, caller))
            {
                int sent = Deliver(caller, receiver, out woken);
                if (sent != 0 && !reply)
                {
                    Wake(woken);
                    return sent;
                }
            }
            else if (reply)
            {
                _droppedReplies++;
            }
            else
            {
                BlockSending(caller, receiver, call: from != ThreadId.Nil);
                return NoResult;
            }
            if (from == ThreadId.Nil)
            {
                Wake(woken);
                return 0;
            }
        }
        int received = Receive(caller, from);
        Wake(woken); // after the caller's receive half, so a partner handed the core finds it free
        return received;
    }

    /// <summary>The checks on a named partner: it exists, is alive, and is not the caller.</summary>
    private int CheckPartner(Tcb* caller, uint tid, out Tcb* partner)
    {
        partner = Lookup(tid);
        if (partner == null || partner->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        return partner == caller ? -Errno.EDEADLK : 0;
    }

    /// <summary>
    /// A send needs an IPC cap with Send and the tier's right covering the receiver, unless the receiver
    /// is waiting for exactly this sender (a reply to its call, or a pager's answer): it asked for it.
    /// </summary>
    private int SendAuthority(Tcb* sender, Tcb* receiver, uint tier)
    {
        if (receiver->State == ThreadState.BlockedReceive && receiver->Partner == sender->Tid)
        {
            return 0;
        }
        return Authority.Ipc(_caps, SubjectOf(sender), SubjectOf(receiver), Authority.TierRight(tier));
    }

    /// <summary>True when <paramref name="receiver"/> is blocked receiving from <paramref name="sender"/> (or from anyone).</summary>
    private static bool WaitsFor(Tcb* receiver, Tcb* sender)
        => receiver->State == ThreadState.BlockedReceive && (receiver->Partner == ThreadId.Any || receiver->Partner == sender->Tid);

    /// <summary>
    /// Hands <paramref name="sender"/>'s message to <paramref name="receiver"/>, which waits for it, and
    /// returns the sender's result. A faulting receiver takes it as its pager's answer. The receiver is
    /// returned in <paramref name="woken"/> when it is to run again (null while its buffer fault is served).
    /// </summary>
    private int Deliver(Tcb* sender, Tcb* receiver, out Tcb* woken)
    {
        woken = null;
        if ((receiver->Flags & ThreadFlags.Faulting) != 0)
        {
            AnswerFault(receiver, MessageWord(sender, 0));
            return 0;
        }
        int result = Transfer(sender, receiver);
        receiver->State = ThreadState.Inactive;
        if ((receiver->Flags & ThreadFlags.DeliveryPending) != 0)
        {
            SendStagedDelivery(receiver);
        }
        else
        {
            SetResult(receiver, result);
            woken = receiver;
        }
        return result;
    }

    private void Wake(Tcb* t)
    {
        if (t != null)
        {
            MakeRunnable(t);
        }
    }

    /// <summary>Blocks the caller in its send, queued last on the receiver, its payload staged so nothing of it is read later.</summary>
    private void BlockSending(Tcb* caller, Tcb* receiver, bool call)
    {
        SaveCurrent(_core);
        if (call)
        {
            caller->Flags |= ThreadFlags.Call;
        }
        StagePayload(caller);
        caller->State = ThreadState.BlockedSend;
        caller->Partner = receiver->Tid;
        QueueAppend(ref receiver->SendersHead, ref receiver->SendersTail, caller, SlotOf(receiver));
    }

    /// <summary>
    /// The receive half for <paramref name="receiver"/> (the caller, or a queued caller whose send was just
    /// taken): takes the oldest matching queued message and returns the receiver's result, or blocks it
    /// waiting (<see cref="NoResult"/>; also when the message waits in staging for its buffer fault).
    /// </summary>
    private int Receive(Tcb* receiver, uint from)
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
            return NoResult;
        }
        QueueRemove(ref receiver->SendersHead, ref receiver->SendersTail, sender);
        int result = Transfer(sender, receiver);
        SenderDelivered(sender, result);
        if ((receiver->Flags & ThreadFlags.DeliveryPending) != 0)
        {
            receiver->State = ThreadState.Inactive;
            SendStagedDelivery(receiver);
            return NoResult;
        }
        return result;
    }

    /// <summary>A queued sender's message was taken: it resumes, or for a call waits for the reply at once.</summary>
    private void SenderDelivered(Tcb* sender, int result)
    {
        sender->Flags &= ~ThreadFlags.Staged;
        if ((sender->Flags & ThreadFlags.Faulting) != 0)
        {
            sender->State = ThreadState.BlockedReceive;
            sender->Partner = sender->ReceiveFrom;
            return;
        }
        bool call = (sender->Flags & ThreadFlags.Call) != 0;
        sender->Flags &= ~ThreadFlags.Call;
        sender->State = ThreadState.Inactive;
        if (call && result == 0)
        {
            result = Receive(sender, sender->ReceiveFrom);
            if (result == NoResult)
            {
                return;
            }
        }
        sender->Context.R[0] = (uint)result;
        MakeRunnable(sender);
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
