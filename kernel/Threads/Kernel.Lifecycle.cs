// How threads end: exit, destroy, a fault nobody serves; zombies, reaping, and what a death releases.
using System;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Containers;
using Codezero.Kernel.Diagnostics;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    private const ThreadFlags PendingRequests = ThreadFlags.SuspendPending | ThreadFlags.DestroyPending;

    /// <summary>Flags that describe an IPC or fault in progress.</summary>
    private const ThreadFlags IpcStateFlags = ThreadFlags.Call | ThreadFlags.Faulting | ThreadFlags.BufferFault
        | ThreadFlags.DeliveryPending | ThreadFlags.Staged;

    /// <summary>
    /// Ends a thread (not one running on another core). With a live parent and <paramref name="zombie"/>,
    /// it stays as a zombie holding <paramref name="code"/> until the parent's WAIT, or is handed to a
    /// parent already waiting; otherwise it is freed now.
    /// </summary>
    private void EndThread(Tcb* t, int code, bool zombie = true)
    {
        if (_cpu[_core].Current == SlotOf(t))
        {
            SaveCurrent(_core);
        }
        TakeOutOfWaits(t, 0);
        t->Flags &= ~(PendingRequests | IpcStateFlags);
        t->ExitCode = code;
        ContainerRecord* container = ContainerOf(t);
        if (container->RootTid == t->Tid)
        {
            container->RootExited = true;
            container->ExitCode = code;
        }
        Tcb* parent = zombie ? Lookup(t->Parent) : null;
        bool collected = false;
        if (parent != null && parent->State == ThreadState.BlockedWait && parent->WaitTarget == t->Tid
            && (parent->Flags & ThreadFlags.AwaitingStop) == 0)
        {
            parent->State = ThreadState.Inactive;
            SetResult(parent, code);
            MakeRunnable(parent);
            collected = true;
        }
        ReleaseRelations(t);
        if (!collected && parent != null && parent->State != ThreadState.Zombie)
        {
            t->State = ThreadState.Zombie;
            return;
        }
        FreeThread(t);
    }

    /// <summary>
    /// What a dying thread leaves: its zombie children are reaped and its live ones lose their parent;
    /// threads it paged lose their pager (those waiting on it for a fault are stopped); threads blocked
    /// on it get -ESRCH (or 0, if they waited for it to stop).
    /// </summary>
    private void ReleaseRelations(Tcb* dying)
    {
        uint tid = dying->Tid;
        ReleaseIrqLinesOf(tid);
        for (int slot = 1; slot <= _options.MaxThreads; slot++)
        {
            Tcb* o = Slot(slot);
            if (o == null || o == dying)
            {
                continue;
            }
            bool waitsOnDying = (o->State == ThreadState.BlockedSend || o->State == ThreadState.BlockedReceive) && o->Partner == tid;
            if (o->Parent == tid)
            {
                if (o->State == ThreadState.Zombie)
                {
                    FreeThread(o);
                    continue;
                }
                o->Parent = ThreadId.Nil;
            }
            if (o->Pager == tid)
            {
                o->Pager = ThreadId.Nil;
                if (waitsOnDying && (o->Flags & ThreadFlags.Faulting) != 0)
                {
                    StopFaulted(o, "its pager ended");
                    continue;
                }
            }
            if (waitsOnDying || (o->State == ThreadState.BlockedWait && o->WaitTarget == tid))
            {
                if ((o->Flags & ThreadFlags.Faulting) != 0)
                {
                    StopFaulted(o, "its pager ended");
                    continue;
                }
                int result = (o->Flags & ThreadFlags.AwaitingStop) != 0 ? 0 : -Errno.ESRCH;
                TakeOutOfWaits(o, result);
                o->Context.R[0] = (uint)result;
                MakeRunnable(o);
            }
        }
    }

    /// <summary>
    /// Takes a blocked or queued thread out of whatever holds it, leaving it inactive. A thread that was
    /// blocked in a call gets <paramref name="result"/> as that call's result (not a thread faulting on
    /// an instruction: its registers are its own; a thread faulting on an IPC buffer before its call
    /// started will restart the call). With a result of 0 the buffer-fault state is kept for the caller
    /// to settle (<see cref="StopFaulted"/>).
    /// </summary>
    private void TakeOutOfWaits(Tcb* t, int result)
    {
        switch (t->State)
        {
            case ThreadState.Runnable:
                _runQueues[t->Core].Remove(SlotOf(t));
                t->State = ThreadState.Inactive;
                return;
            case ThreadState.BlockedSend:
                Tcb* receiver = Slot(t->QueueOwner);
                QueueRemove(ref receiver->SendersHead, ref receiver->SendersTail, t);
                break;
            case ThreadState.BlockedMutex:
                RemoveMutexWaiter(t);
                break;
            case ThreadState.BlockedIrq:
                StopWaitingForIrq(t);
                break;
            case ThreadState.BlockedReceive:
            case ThreadState.BlockedWait:
                break;
            default:
                return;
        }
        if (result != 0)
        {
            if ((t->Flags & ThreadFlags.Faulting) == 0 || (t->Flags & ThreadFlags.DeliveryPending) != 0)
            {
                t->Context.R[0] = (uint)result;
            }
            t->Flags &= ~(ThreadFlags.BufferFault | ThreadFlags.DeliveryPending);
        }
        t->Flags &= ~(ThreadFlags.Call | ThreadFlags.Faulting | ThreadFlags.AwaitingStop | ThreadFlags.Staged);
        t->State = ThreadState.Inactive;
    }

    /// <summary>Carries out a suspend or destroy asked for while the thread ran on another core.</summary>
    private void ApplyPendingRequests(Tcb* t)
    {
        if ((t->Flags & ThreadFlags.DestroyPending) != 0)
        {
            EndThread(t, 0, zombie: false);
            return;
        }
        t->Flags &= ~ThreadFlags.SuspendPending;
        if (_cpu[_core].Current == SlotOf(t))
        {
            SaveCurrent(_core);
        }
        if (t->State == ThreadState.Running || t->State == ThreadState.Runnable)
        {
            _runQueues[t->Core].Remove(SlotOf(t));
            t->State = ThreadState.Inactive;
        }
        else
        {
            TakeOutOfWaits(t, -Errno.EINTR);
        }
        ReleaseStopWaiters(t);
    }

    /// <summary>Lets the threads waiting for <paramref name="t"/> to stop (a remote suspend) go on, with 0.</summary>
    private void ReleaseStopWaiters(Tcb* t)
    {
        for (int slot = 1; slot <= _options.MaxThreads; slot++)
        {
            Tcb* o = Slot(slot);
            if (o != null && o->State == ThreadState.BlockedWait && o->WaitTarget == t->Tid && (o->Flags & ThreadFlags.AwaitingStop) != 0)
            {
                TakeOutOfWaits(o, 0);
                o->Context.R[0] = 0;
                MakeRunnable(o);
            }
        }
    }

    /// <summary>Stops a thread whose fault nobody will serve: reported with its registers, ended with -EABORT.</summary>
    private void StopFaulted(Tcb* t, string reason)
    {
        if ((t->Flags & ThreadFlags.BufferFault) != 0)
        {
            TakeOutOfWaits(t, 0);
            AnswerFault(t, FaultTag.Stop); // a bad IPC buffer fails the call with -EFAULT, it does not stop the thread
            return;
        }
        ContainerRecord* container = ContainerOf(t);
        container->ThreadsStopped++;
        if (_options.ReportFaults)
        {
            ReportStopped(t, reason);
        }
        t->Flags |= ThreadFlags.Faulted;
        TakeOutOfWaits(t, 0);
        EndThread(t, -Errno.EABORT);
    }

    private void ReportStopped(Tcb* t, string reason)
    {
        Span<byte> buffer = stackalloc byte[512];
        var log = new KernelLog(buffer);
        uint tag = t->FaultMessage[0];
        log.Append("kernel: thread ");
        log.Hex(t->Tid);
        log.Append(" stopped: ");
        log.Append(FaultName(tag));
        log.Append(" at pc ");
        uint pc = tag == FaultTag.DivideByZero ? t->FaultMessage[2] : t->FaultMessage[4]; // the division's call, not the trap
        log.Hex(pc);
        AppendLocation(ref log, t->Container, pc, parenthesised: true);
        if (tag == FaultTag.Undefined)
        {
            log.Append(", instruction ");
            log.Hex(t->FaultMessage[3]);
        }
        else if (tag != FaultTag.DivideByZero) // a division has no address or status: its registers below are the trap's
        {
            log.Append(", address ");
            log.Hex(t->FaultMessage[2]);
            log.Append(", status ");
            log.Hex(t->FaultMessage[3]);
        }
        log.Append(" (");
        log.Append(reason);
        log.Append(")\n");
        for (int i = 0; i < 15; i++)
        {
            log.Append(i == 0 || i == 5 || i == 10 ? "  " : " ");
            log.Append(RegisterName(i));
            log.Append('=');
            log.Hex(t->Context.R[i]);
            if (i == 4 || i == 9)
            {
                log.Append('\n');
            }
        }
        log.Append(" pc=");
        log.Hex(t->Context.Pc);
        log.Append(" cpsr=");
        log.Hex(t->Context.Cpsr);
        log.Append('\n');
        WriteConsole(0, log.Written);
    }

    private static string FaultName(uint tag) => tag switch
    {
        FaultTag.DataAbort => "data abort",
        FaultTag.PrefetchAbort => "prefetch abort",
        FaultTag.DivideByZero => "division by zero",
        _ => "undefined instruction",
    };

    private static string RegisterName(int i) => i switch
    {
        0 => "r0", 1 => "r1", 2 => "r2", 3 => "r3", 4 => "r4", 5 => "r5", 6 => "r6", 7 => "r7",
        8 => "r8", 9 => "r9", 10 => "r10", 11 => "r11", 12 => "r12", 13 => "sp", _ => "lr",
    };

    /// <summary>Returns a thread's slot to the pool, dropping its space and container references.</summary>
    private void FreeThread(Tcb* t)
    {
        int slot = SlotOf(t);
        if (t->State == ThreadState.Runnable)
        {
            _runQueues[t->Core].Remove(slot);
        }
        for (int c = 0; c < _cores; c++)
        {
            if (_cpu[c].Current == slot)
            {
                _cpu[c].Current = 0;
                _cpu[c].Saved = true;
            }
        }
        int space = t->Space;
        ContainerRecord* container = ContainerOf(t);
        bool neverStarted = (t->Flags & ThreadFlags.NeverStarted) != 0;
        ReturnQuota(ref t->ThreadCharge, 1);
        t->Tid = 0;
        _threads.Free(new Memory.PoolHandle(slot, _threads.GenerationOf(slot)));
        Mm.AddressSpace* s = _spaces.GetLive(space);
        if (--s->Threads == 0)
        {
            FreeSpace(space);
        }
        if (neverStarted)
        {
            container->NeverStarted--;
        }
        if (--container->Threads == 0)
        {
            ContainerEnded(container);
        }
        else if (!neverStarted && container->Threads == container->NeverStarted)
        {
            EndNeverStarted(container);
        }
    }

    /// <summary>
    /// The last started thread of a container has ended, leaving only threads it created and never
    /// started. Nothing in the container is left to start them, so they do not keep it alive (the run
    /// would otherwise end as a deadlock): they are named on the console and ended, and the container
    /// ends with the last of them.
    /// </summary>
    private void EndNeverStarted(ContainerRecord* container)
    {
        int id = container->Id;
        ReportNeverStarted(id, container->NeverStarted);
        for (int slot = 1; slot <= _options.MaxThreads; slot++)
        {
            Tcb* o = Slot(slot);
            if (o != null && o->Container == id && (o->Flags & ThreadFlags.NeverStarted) != 0)
            {
                EndThread(o, 0, zombie: false);
            }
        }
    }

    /// <summary>"kernel: hello.elf ended; 2 threads it created never started: 0x01001002 0x01001003".</summary>
    private void ReportNeverStarted(int container, int count)
    {
        const int Listed = 16;
        Span<byte> buffer = stackalloc byte[512];
        var log = new KernelLog(buffer);
        log.Append("kernel: ");
        string? name = ContainerName(container);
        if (name != null)
        {
            log.Append(name);
        }
        else
        {
            log.Append("container ");
            log.Decimal(container);
        }
        log.Append(" ended; ");
        log.Decimal(count);
        log.Append(count == 1 ? " thread it created never started:" : " threads it created never started:");
        int listed = 0;
        for (int slot = 1; slot <= _options.MaxThreads && listed < Listed; slot++)
        {
            Tcb* o = Slot(slot);
            if (o != null && o->Container == container && (o->Flags & ThreadFlags.NeverStarted) != 0)
            {
                log.Append(' ');
                log.Hex(o->Tid);
                listed++;
            }
        }
        if (count > listed)
        {
            log.Append(" and ");
            log.Decimal(count - listed);
            log.Append(" more");
        }
        log.Append('\n');
        WriteConsole(0, log.Written);
    }

    private void ContainerEnded(ContainerRecord* container)
    {
        _ = container;
        if (--_liveContainers == 0)
        {
            _hal.Stop(ExitStatus);
        }
    }

    /// <summary>
    /// The run's exit status once every container ended: the first container (by id) whose root thread
    /// exited non-zero gives its code; a root stopped by a fault gives 134; otherwise 0.
    /// </summary>
    public int ExitStatus
    {
        get
        {
            for (int id = 1; id <= _options.MaxContainers; id++)
            {
                ContainerRecord* c = _containers.GetLive(id);
                if (c != null && c->RootExited && c->ExitCode != 0)
                {
                    return c->ExitCode < 0 ? 134 : c->ExitCode;
                }
            }
            return 0;
        }
    }
}
