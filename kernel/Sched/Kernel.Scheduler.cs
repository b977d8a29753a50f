// The scheduler: strict priorities, round-robin slices within one, per-core queues, IPIs, idle stealing.
using System.Numerics;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Sched;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// Policy (docs/kernel.md): a core always runs its highest-priority runnable thread; threads of equal
/// priority share the core in round-robin slices of <see cref="KernelOptions.SliceCycles"/>. A thread
/// that becomes runnable goes to the best core its affinity allows (its last core if that core would run
/// it now, else an idle core, else its last core), and preempts at once when it outranks the thread there:
/// on this core at the end of the entry, on another by a reschedule IPI. A core with nothing to run steals
/// the best queued thread another core holds before it idles in WFI with its timer off, and a core that
/// leaves threads queued behind the one it runs wakes an idle core to take one.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    /// <summary>Makes a thread runnable and queues it where it should run, kicking that core if it must preempt.</summary>
    private void MakeRunnable(Tcb* t, bool front = false)
    {
        t->State = ThreadState.Runnable;
        if (t->SliceLeft <= 0)
        {
            t->SliceLeft = _options.SliceCycles;
        }
        int core = PickCore(t);
        t->Core = core;
        if (front)
        {
            _runQueues[core].EnqueueFront(SlotOf(t), t->Priority);
        }
        else
        {
            _runQueues[core].EnqueueBack(SlotOf(t), t->Priority);
        }
        Kick(core, t->Priority);
    }

    /// <summary>True when <paramref name="core"/> has nothing to run (inside this entry: its thread stopped running).</summary>
    private bool IsIdle(int core)
    {
        if (_runQueues[core].Count != 0)
        {
            return false;
        }
        Tcb* t = CurrentThread(core);
        return t == null || t->State != ThreadState.Running;
    }

    /// <summary>The priority <paramref name="core"/> would run at now (-1 when it has nothing).</summary>
    private int RunningPriority(int core)
    {
        Tcb* t = CurrentThread(core);
        int running = t != null && t->State == ThreadState.Running ? t->Priority : -1;
        int queued = _runQueues[core].HighestPriority;
        return running > queued ? running : queued;
    }

    private int PickCore(Tcb* t)
    {
        uint mask = t->Affinity;
        int last = t->Core;
        bool lastAllowed = ((mask >> last) & 1) != 0;
        if (lastAllowed && RunningPriority(last) < t->Priority)
        {
            return last; // it would run there at once
        }
        for (uint m = mask; m != 0; m &= m - 1)
        {
            int c = BitOperations.TrailingZeroCount(m);
            if (IsIdle(c))
            {
                return c;
            }
        }
        if (lastAllowed)
        {
            return last;
        }
        int best = BitOperations.TrailingZeroCount(mask);
        int bestLoad = int.MaxValue;
        for (uint m = mask; m != 0; m &= m - 1)
        {
            int c = BitOperations.TrailingZeroCount(m);
            int load = _runQueues[c].Count + (IsIdle(c) ? 0 : 1);
            if (load < bestLoad)
            {
                best = c;
                bestLoad = load;
            }
        }
        return best;
    }

    /// <summary>Asks <paramref name="core"/> to choose again if a thread of <paramref name="priority"/> outranks what it runs.</summary>
    private void Kick(int core, int priority)
    {
        Tcb* running = CurrentThread(core);
        bool preempts = running == null || running->State != ThreadState.Running || priority > running->Priority;
        if (!preempts)
        {
            return;
        }
        if (core == _core)
        {
            _cpu[core].NeedResched = true;
        }
        else
        {
            _hal.SendSgi(_core, core, InterruptIds.Reschedule);
        }
    }

    /// <summary>Chooses what <paramref name="core"/> runs when the entry ends, and switches to it.</summary>
    private void Schedule(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        RunQueue queue = _runQueues[core];
        Tcb* current = CurrentThread(core);
        long now = _hal.Now(core);
        if (current != null && current->State == ThreadState.Running)
        {
            bool expired = now >= cpu.SliceEnd || cpu.Yield;
            bool allowed = ((current->Affinity >> core) & 1) != 0;
            int top = queue.HighestPriority;
            if (allowed && (top < current->Priority || (top == current->Priority && !expired)))
            {
                if (expired)
                {
                    StartSlice(core, current, _options.SliceCycles);
                }
                _hal.Resume(core, cpu.Resume);
                return;
            }
            SaveCurrent(core);
            if (expired)
            {
                current->SliceLeft = _options.SliceCycles;
                current->State = ThreadState.Runnable;
                if (allowed)
                {
                    queue.EnqueueBack(SlotOf(current), current->Priority);
                }
                else
                {
                    MakeRunnable(current);
                }
            }
            else
            {
                current->SliceLeft = cpu.SliceEnd - now;
                if (allowed)
                {
                    current->State = ThreadState.Runnable;
                    queue.EnqueueFront(SlotOf(current), current->Priority);
                }
                else
                {
                    MakeRunnable(current);
                }
            }
        }
        int next = queue.DequeueHighest();
        if (next == 0)
        {
            next = Steal(core);
        }
        if (next == 0)
        {
            GoIdle(core);
            return;
        }
        if (queue.Count != 0)
        {
            OfferToIdleCore(core);
        }
        SwitchTo(core, Slot(next));
    }

    /// <summary>
    /// Threads wait in <paramref name="core"/>'s queue (preempted, or at the end of a slice): the first idle
    /// core one of them may run on is sent a reschedule IPI, and takes it in <see cref="Steal"/>.
    /// </summary>
    private void OfferToIdleCore(int core)
    {
        for (int c = 0; c < _cores; c++)
        {
            if (c != core && IsIdle(c) && FirstAllowed(_runQueues[core], c) != 0)
            {
                _hal.SendSgi(core, c, InterruptIds.Reschedule);
                return;
            }
        }
    }

    /// <summary>Takes the best thread queued on another core that may run on <paramref name="core"/> (0: none).</summary>
    private int Steal(int core)
    {
        int bestSlot = 0;
        int bestPriority = -1;
        int bestCore = -1;
        for (int c = 0; c < _cores; c++)
        {
            if (c == core || _runQueues[c].Count == 0)
            {
                continue;
            }
            int slot = FirstAllowed(_runQueues[c], core);
            if (slot != 0 && Slot(slot)->Priority > bestPriority)
            {
                bestSlot = slot;
                bestPriority = Slot(slot)->Priority;
                bestCore = c;
            }
        }
        if (bestSlot != 0)
        {
            _runQueues[bestCore].Remove(bestSlot);
            _stolen++;
        }
        return bestSlot;
    }

    private long _stolen;

    /// <summary>The first queued thread, by priority then order, whose affinity allows <paramref name="core"/>.</summary>
    private int FirstAllowed(RunQueue queue, int core)
    {
        for (uint priorities = queue.NonEmptyMask; priorities != 0;)
        {
            int p = 31 - BitOperations.LeadingZeroCount(priorities);
            priorities &= ~(1u << p);
            for (int slot = queue.Head(p); slot != 0; slot = queue.NextOf(slot))
            {
                if (((Slot(slot)->Affinity >> core) & 1) != 0)
                {
                    return slot;
                }
            }
        }
        return 0;
    }

    /// <summary>Threads a core took from another core's queue when it had nothing to run.</summary>
    public long Migrations => _stolen;

    private void SwitchTo(int core, Tcb* next)
    {
        ref CoreState cpu = ref _cpu[core];
        if (cpu.Current != 0 && cpu.Current != SlotOf(next))
        {
            SaveCurrent(core);
            cpu.Switches++;
        }
        else if (cpu.Current == 0)
        {
            cpu.Switches++;
        }
        next->Core = core;
        RunOnCore(core, next);
    }

    /// <summary>
    /// The second half of a switch (the outgoing thread is saved and counted): <paramref name="next"/>
    /// becomes the core's thread, in its space, with its UTCB pointer, registers and slice. Shared by
    /// <see cref="SwitchTo"/> and the IPC fast path.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void RunOnCore(int core, Tcb* next)
    {
        ref CoreState cpu = ref _cpu[core];
        next->State = ThreadState.Running;
        cpu.Current = SlotOf(next);
        Trace?.Record(Diagnostics.TraceKind.Switch, core, _hal.Now(core), next->Tid);
        if (cpu.Space != next->Space)
        {
            ActivateSpace(core, next->Space);
        }
        _hal.SetUtcbPointer(core, next->Utcb);
        _hal.LoadContext(core, &next->Context);
        cpu.Saved = false;
        StartSlice(core, next, next->SliceLeft > 0 ? next->SliceLeft : _options.SliceCycles);
    }

    /// <summary>
    /// Starts <paramref name="t"/>'s slice on <paramref name="core"/>. The timer is reprogrammed only when
    /// it would fire too late (or is not running): one armed for an earlier slice end just fires early,
    /// and the interrupt then re-arms it for what is left (<see cref="SliceTimerFired"/>). Most switches,
    /// an IPC handoff's above all, so leave the timer alone.
    /// </summary>
    private void StartSlice(int core, Tcb* t, long cycles)
    {
        ref CoreState cpu = ref _cpu[core];
        t->SliceLeft = cycles;
        long now = _hal.Now(core);
        cpu.SliceEnd = now + cycles;
        if (cpu.TimerArmedUntil <= now || cpu.SliceEnd < cpu.TimerArmedUntil)
        {
            ArmSliceTimer(core, cycles);
        }
    }

    /// <summary>Programs the slice timer to fire at the current slice's end, <paramref name="cycles"/> from now.</summary>
    private void ArmSliceTimer(int core, long cycles)
    {
        _hal.StartSliceTimer(core, cycles);
        _cpu[core].TimerArmedUntil = _cpu[core].SliceEnd;
    }

    /// <summary>The slice timer fired: the slice is used up, or the timer was armed for an earlier one and is re-armed for the rest.</summary>
    private void SliceTimerFired(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        _hal.StopSliceTimer(core);
        cpu.TimerArmedUntil = 0;
        long now = _hal.Now(core);
        if (cpu.Current != 0 && now < cpu.SliceEnd)
        {
            ArmSliceTimer(core, cpu.SliceEnd - now);
            return;
        }
        cpu.SliceEnd = 0; // used up
        cpu.NeedResched = true;
    }

    private void GoIdle(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        if (cpu.Current != 0)
        {
            SaveCurrent(core);
        }
        cpu.Current = 0;
        Trace?.Record(Diagnostics.TraceKind.Switch, core, _hal.Now(core), 0);
        DeactivateSpace(core);
        _hal.StopSliceTimer(core);
        cpu.TimerArmedUntil = 0;
        _hal.EnterIdle(core);
        cpu.IdleEntries++;
    }

    private void ActivateSpace(int core, int spaceSlot)
    {
        DeactivateSpace(core);
        AddressSpace* space = _spaces.GetLive(spaceSlot);
        uint asid = _asids.Activate(core, ref space->AsidContext, out bool flush);
        space->LiveCores |= 1u << core;
        _hal.SetUserSpace(core, space->L1, asid, flush);
        _cpu[core].Space = spaceSlot;
    }

    private void DeactivateSpace(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        if (cpu.Space != 0)
        {
            AddressSpace* old = _spaces.GetLive(cpu.Space);
            if (old != null)
            {
                old->LiveCores &= ~(1u << core);
            }
            cpu.Space = 0;
        }
    }
}
