// thread_control and exchange_registers: creating, running, suspending, destroying, recycling, waiting.
using System;
using Codezero.Caps;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    private int ThreadControl(Tcb* caller, uint action, uint tid, uint arg)
    {
        uint op = action & ThreadAction.ActionMask;
        if (op != ThreadAction.Create && (action & ~ThreadAction.ActionMask) != 0)
        {
            return -Errno.EINVAL;
        }
        switch (op)
        {
            case ThreadAction.Create:
                return CreateThread(caller, action & ~ThreadAction.ActionMask, tid, arg);
            case ThreadAction.Exit:
                EndThread(caller, (int)(arg & 0xFF));
                return NoResult;
            case ThreadAction.Sched:
                return SetScheduling(caller, tid, arg);
        }
        if (op > ThreadAction.Sched)
        {
            return -Errno.EINVAL;
        }
        Tcb* target = Lookup(tid);
        if (target == null)
        {
            return -Errno.ESRCH;
        }
        if (target == caller)
        {
            switch (op)
            {
                case ThreadAction.Suspend:
                    SaveCurrent(_core);
                    caller->Context.R[0] = 0;
                    caller->State = ThreadState.Inactive;
                    return NoResult;
                case ThreadAction.Destroy:
                    EndThread(caller, 0, zombie: false);
                    return NoResult;
                case ThreadAction.Run:
                    return 0;
                case ThreadAction.Wait:
                    return -Errno.EDEADLK;
                default:
                    return -Errno.EPERM;
            }
        }
        int authority = Authority.ThreadControl(_caps, SubjectOf(caller), SubjectOf(target), ThreadControlRight(op));
        if (authority != 0)
        {
            return authority;
        }
        if (op == ThreadAction.Wait && target->Parent != caller->Tid)
        {
            return -Errno.ENOCHILD;
        }
        switch (op)
        {
            case ThreadAction.Run:
                return RunThread(target);
            case ThreadAction.Suspend:
                return SuspendThread(caller, target);
            case ThreadAction.Destroy:
                return DestroyThread(caller, target);
            case ThreadAction.Recycle:
                return RecycleThread(target);
            default:
                return WaitForThread(caller, target);
        }
    }

    private int CreateThread(Tcb* caller, uint spaceFlag, uint sourceTid, uint pagerTid)
    {
        if (spaceFlag != ThreadAction.ShareSpace && spaceFlag != ThreadAction.NewSpace && spaceFlag != ThreadAction.CopySpace)
        {
            return -Errno.EINVAL;
        }
        Tcb* source = sourceTid == ThreadId.Nil ? caller : Lookup(sourceTid);
        if (source == null || source->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        // A thread in an existing space needs a cap covering that space's owner; one in a new space a container-wide cap.
        Subject target = spaceFlag == ThreadAction.NewSpace ? ContainerSubject(caller->Container) : SubjectOf(source);
        int authority = Authority.ThreadControl(_caps, SubjectOf(caller), target, CapRights.ThreadControl.Create);
        if (authority != 0)
        {
            return authority;
        }
        uint pager = pagerTid == ThreadId.Nil ? caller->Tid : pagerTid;
        Tcb* pagerThread = Lookup(pager);
        if (pagerThread == null || pagerThread->Container != caller->Container || pagerThread->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        int quota = ConsumeQuota(caller, PoolKind.Threads, 1, out uint threadCharge);
        if (quota != 0)
        {
            return quota;
        }
        int space = source->Space;
        if (spaceFlag != ThreadAction.ShareSpace)
        {
            int status = CreateChargedSpace(caller, spaceFlag == ThreadAction.CopySpace ? SpaceOf(source)->L1 : 0, out space);
            if (status != 0)
            {
                ReturnQuota(ref threadCharge, 1);
                return status;
            }
        }
        Tcb* t = NewThread(caller->Container, space);
        if (t == null)
        {
            if (spaceFlag != ThreadAction.ShareSpace)
            {
                FreeSpace(space);
            }
            ReturnQuota(ref threadCharge, 1);
            return -Errno.ENOMEM;
        }
        t->ThreadCharge = threadCharge;
        t->Pager = pager;
        t->Parent = caller->Tid;
        t->Priority = caller->Priority;
        t->Core = _core;
        t->Flags |= ThreadFlags.NeverStarted; // until its first RUN
        ContainerOf(t)->NeverStarted++;
        return (int)t->Tid;
    }

    /// <summary>A new inactive thread in <paramref name="space"/> (which gains a reference), or null when the pool is full.</summary>
    private Tcb* NewThread(int container, int space)
    {
        if (!_threads.TryAllocate(out Memory.PoolHandle handle))
        {
            return null;
        }
        Tcb* t = _threads.Get(handle);
        t->Tid = ThreadId.Make(container, handle.Generation, handle.Index);
        t->State = ThreadState.Inactive;
        t->Container = container;
        t->Space = space;
        t->Pager = ThreadId.Nil;
        t->Parent = ThreadId.Nil;
        t->Affinity = _allCores;
        t->Priority = _options.RootPriority;
        t->Context.Cpsr = (uint)ProcessorMode.User;
        _spaces.GetLive(space)->Threads++;
        ContainerRecord(container)->Threads++;
        ContainerRecord(container)->ThreadsCreated++;
        return t;
    }

    /// <summary>The thread-control right an action needs.</summary>
    private static uint ThreadControlRight(uint op) => op switch
    {
        ThreadAction.Run => CapRights.ThreadControl.Run,
        ThreadAction.Suspend => CapRights.ThreadControl.Suspend,
        ThreadAction.Destroy => CapRights.ThreadControl.Destroy,
        ThreadAction.Recycle => CapRights.ThreadControl.Recycle,
        ThreadAction.Wait => CapRights.ThreadControl.Wait,
        ThreadAction.Sched => CapRights.ThreadControl.Sched,
        _ => CapRights.ThreadControl.Create,
    };

    private Containers.ContainerRecord* ContainerRecord(int id) => _containers.GetLive(id);

    private int RunThread(Tcb* t)
    {
        if (t->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        if ((t->Flags & ThreadFlags.SuspendPending) != 0)
        {
            // A suspend asked for on another core that has not taken effect yet: RUN cancels it, and the
            // suspender, waiting for the thread to stop, goes on as if it had stopped and been resumed.
            t->Flags &= ~ThreadFlags.SuspendPending;
            ReleaseStopWaiters(t);
        }
        if (t->State == ThreadState.Inactive)
        {
            if ((t->Flags & ThreadFlags.NeverStarted) != 0)
            {
                t->Flags &= ~ThreadFlags.NeverStarted;
                ContainerOf(t)->NeverStarted--;
            }
            MakeRunnable(t);
        }
        return 0;
    }

    private int SuspendThread(Tcb* caller, Tcb* t)
    {
        switch (t->State)
        {
            case ThreadState.Zombie:
                return -Errno.ESRCH;
            case ThreadState.Inactive:
                return 0;
            case ThreadState.Running:
                return StopRemote(caller, t, ThreadFlags.SuspendPending);
            default:
                TakeOutOfWaits(t, -Errno.EINTR);
                t->State = ThreadState.Inactive;
                return 0;
        }
    }

    /// <summary>
    /// A suspend or destroy of a thread running on another core: that core is interrupted and carries it
    /// out at its entry; the caller waits until then, so when the call returns the thread has stopped.
    /// </summary>
    private int StopRemote(Tcb* caller, Tcb* t, ThreadFlags request)
    {
        t->Flags |= request;
        _hal.SendSgi(_core, t->Core, InterruptIds.Reschedule);
        SaveCurrent(_core);
        caller->State = ThreadState.BlockedWait;
        caller->WaitTarget = t->Tid;
        caller->Flags |= ThreadFlags.AwaitingStop;
        return NoResult;
    }

    private int DestroyThread(Tcb* caller, Tcb* t)
    {
        if (t->State == ThreadState.Running)
        {
            return StopRemote(caller, t, ThreadFlags.DestroyPending);
        }
        if (t->State == ThreadState.Zombie)
        {
            FreeThread(t);
            return 0;
        }
        EndThread(t, 0, zombie: false);
        return 0;
    }

    private int RecycleThread(Tcb* t)
    {
        switch (t->State)
        {
            case ThreadState.Zombie:
                return -Errno.ESRCH;
            case ThreadState.Running:
                return -Errno.EBUSY;
        }
        if (t->State != ThreadState.Inactive)
        {
            TakeOutOfWaits(t, 0);
        }
        t->State = ThreadState.Inactive;
        t->Flags &= ThreadFlags.NeverStarted; // a recycled thread that never ran still has not
        new Span<byte>(&t->Context, sizeof(UserContext)).Clear();
        t->Context.Cpsr = (uint)ProcessorMode.User;
        t->SliceLeft = 0;
        t->ExitCode = 0;
        return 0;
    }

    private int WaitForThread(Tcb* caller, Tcb* child)
    {
        if (child->State == ThreadState.Zombie)
        {
            int code = child->ExitCode;
            FreeThread(child);
            return code;
        }
        SaveCurrent(_core);
        caller->State = ThreadState.BlockedWait;
        caller->WaitTarget = child->Tid;
        return NoResult;
    }

    private int SetScheduling(Tcb* caller, uint tid, uint arg)
    {
        Tcb* target = tid == ThreadId.Nil ? caller : Lookup(tid);
        if (target == null || target->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        if (target != caller)
        {
            int authority = Authority.ThreadControl(_caps, SubjectOf(caller), SubjectOf(target), CapRights.ThreadControl.Sched);
            if (authority != 0)
            {
                return authority;
            }
        }
        uint priority = arg & 0xFF;
        uint affinity = (arg >> 8) & 0xF;
        if (priority >= Sched.RunQueue.Priorities || (arg & ~0xFFFu) != 0 || (affinity != 0 && (affinity & _allCores) != affinity))
        {
            return -Errno.EINVAL;
        }
        if ((int)priority > caller->Priority)
        {
            return -Errno.EPERM;
        }
        target->Priority = (int)priority;
        target->Affinity = affinity == 0 ? _allCores : affinity;
        switch (target->State)
        {
            case ThreadState.Runnable:
                _runQueues[target->Core].Remove(SlotOf(target));
                MakeRunnable(target);
                break;
            case ThreadState.Running when target->Core == _core:
                _cpu[_core].NeedResched = true;
                break;
            case ThreadState.Running:
                _hal.SendSgi(_core, target->Core, InterruptIds.Reschedule);
                break;
        }
        return 0;
    }

    private int ExchangeRegisters(Tcb* caller, uint block, uint tid)
    {
        Tcb* target = Lookup(tid);
        if (target == null || target->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        if (target == caller)
        {
            return -Errno.EBUSY;
        }
        uint* data = stackalloc uint[ExregsLayout.Size / 4];
        uint l1 = SpaceOf(caller)->L1;
        if ((block & 3) != 0 || !UserMemory.TryCopyIn(_memory, l1, block, new Span<byte>(data, ExregsLayout.Size)))
        {
            return -Errno.EFAULT;
        }
        uint flags = data[ExregsLayout.FlagsWord];
        if ((flags & ~(ExregsLayout.Read | ExregsLayout.SetPager | ExregsLayout.SetUtcb)) != 0
            || (data[ExregsLayout.ValidWord] & ~0xFFFFu) != 0)
        {
            return -Errno.EINVAL;
        }
        uint rights = (flags & ExregsLayout.Read) != 0
            ? CapRights.ExchangeRegisters.Read
            : CapRights.ExchangeRegisters.Write
              | ((flags & ExregsLayout.SetPager) != 0 ? CapRights.ExchangeRegisters.Pager : 0)
              | ((flags & ExregsLayout.SetUtcb) != 0 ? CapRights.ExchangeRegisters.Utcb : 0);
        int authority = Authority.ExchangeRegisters(_caps, SubjectOf(caller), SubjectOf(target), rights);
        if (authority != 0)
        {
            return authority;
        }
        if (target->State != ThreadState.Inactive)
        {
            return -Errno.EBUSY;
        }
        if ((flags & ExregsLayout.Read) != 0)
        {
            for (int i = 0; i < 15; i++)
            {
                data[ExregsLayout.FirstRegisterWord + i] = target->Context.R[i];
            }
            data[ExregsLayout.FirstRegisterWord + 15] = target->Context.InterworkingPc; // bit 0 set in Thumb state
            data[ExregsLayout.PagerWord] = target->Pager;
            data[ExregsLayout.UtcbWord] = target->Utcb;
            return UserMemory.TryCopyOut(_memory, l1, block, new ReadOnlySpan<byte>(data, ExregsLayout.Size)) ? 0 : -Errno.EFAULT;
        }
        uint utcb = data[ExregsLayout.UtcbWord];
        if ((flags & ExregsLayout.SetUtcb) != 0 && ((utcb & (UserLayout.UtcbSize - 1)) != 0 || utcb >= UserPageTables.UserTop))
        {
            return -Errno.EINVAL;
        }
        uint pager = data[ExregsLayout.PagerWord];
        if ((flags & ExregsLayout.SetPager) != 0 && pager != ThreadId.Nil)
        {
            Tcb* p = Lookup(pager);
            if (p == null || p->Container != caller->Container || p->State == ThreadState.Zombie)
            {
                return -Errno.ESRCH;
            }
        }
        uint valid = data[ExregsLayout.ValidWord];
        for (int i = 0; i < 15; i++)
        {
            if ((valid & (1u << i)) != 0)
            {
                target->Context.R[i] = data[ExregsLayout.FirstRegisterWord + i];
            }
        }
        if ((valid & (1u << 15)) != 0)
        {
            target->Context.SetEntry(data[ExregsLayout.FirstRegisterWord + 15]); // bit 0 selects Thumb, as BX
        }
        if ((flags & ExregsLayout.SetPager) != 0)
        {
            target->Pager = pager;
        }
        if ((flags & ExregsLayout.SetUtcb) != 0)
        {
            target->Utcb = utcb;
        }
        return 0;
    }
}
