// Address spaces and the map/unmap calls: who may map what, and TLB shootdown on the cores a space is live on.
using ThreadState = Codezero.Kernel.Threads.ThreadState;
using Volatile = System.Threading.Volatile;
using Thread = System.Threading.Thread;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Containers;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    /// <summary>Device pages a container may map with MAP_IO (until device capabilities exist): UART0.</summary>
    private const uint UartPage = global::Codezero.Hal.ArmCortexA9.Board.Uart0Base;

    /// <summary>Pages mapped or unmapped between two preemption points.</summary>
    private const uint PreemptionChunk = 64;

    /// <summary>Emulated cycles charged per page mapped or unmapped (table walk and descriptor write).</summary>
    public const long CyclesPerPage = 32;

    private long _restarts;

    /// <summary>System calls that stopped at a preemption point and were restarted.</summary>
    public long Restarts => _restarts;

    /// <summary>
    /// A preemption point: when an interrupt is pending, the call stops here with its progress written
    /// back into its argument registers and resumes at its own <c>svc</c>, so it starts again (on the
    /// rest of the work) after the interrupt was handled, as seL4's restartable calls do.
    /// </summary>
    private bool PreemptionPending()
    {
        if (!_hal.InterruptPending(_core))
        {
            return false;
        }
        _cpu[_core].Resume -= 4;
        _restarts++;
        return true;
    }

    /// <summary>A new space for <paramref name="container"/>, empty or with the mappings of <paramref name="copyFromL1"/>.</summary>
    private int CreateSpace(int container, uint copyFromL1, out int slot)
    {
        slot = 0;
        if (!_spaces.TryAllocate(out PoolHandle handle))
        {
            return -Errno.ENOMEM;
        }
        if (UserPageTables.Create(_frames, out uint l1) != MmStatus.Ok)
        {
            _spaces.Free(handle);
            return -Errno.ENOMEM;
        }
        if (copyFromL1 != 0 && UserPageTables.Copy(_memory, _frames, copyFromL1, l1) != MmStatus.Ok)
        {
            UserPageTables.Destroy(_memory, _frames, l1);
            _spaces.Free(handle);
            return -Errno.ENOMEM;
        }
        AddressSpace* space = _spaces.Get(handle);
        space->Id = (uint)handle.Index;
        space->L1 = l1;
        space->Container = container;
        slot = handle.Index;
        return 0;
    }

    /// <summary>Frees a space with no threads left: its tables, and its ASID after flushing it from every TLB.</summary>
    private void FreeSpace(int slot)
    {
        AddressSpace* space = _spaces.GetLive(slot);
        if (space->AsidContext != 0)
        {
            _hal.InvalidateAsid(_core, (uint)(space->AsidContext & 0xFF));
            _asids.Release(ref space->AsidContext);
        }
        for (int c = 0; c < _cores; c++)
        {
            if (_cpu[c].Space == slot)
            {
                _cpu[c].Space = 0;
            }
        }
        UserPageTables.Destroy(_memory, _frames, space->L1);
        _spaces.Free(new PoolHandle(slot, _spaces.GenerationOf(slot)));
    }

    /// <summary>The space <paramref name="tid"/> (NIL: the caller) names, if the caller may change it: its own, one it shares, or a child's.</summary>
    private int TargetSpace(Tcb* caller, uint tid, out AddressSpace* space)
    {
        space = null;
        Tcb* target = tid == ThreadId.Nil ? caller : Lookup(tid);
        if (target == null || target->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        if (target != caller && (target->Container != caller->Container
            || (!Controls(caller, target) && target->Space != caller->Space)))
        {
            return -Errno.EPERM;
        }
        space = SpaceOf(target);
        return 0;
    }

    private int Map(Tcb* caller, uint physical, uint virtualAddress, uint pages, uint flags, uint tid)
    {
        int status = TargetSpace(caller, tid, out AddressSpace* space);
        if (status != 0)
        {
            return status;
        }
        MapFlags kind = (MapFlags)flags;
        bool io = kind == MapFlags.Io;
        bool knownKind = kind is MapFlags.ReadOnly or MapFlags.ReadWrite or MapFlags.ReadExecute or MapFlags.ReadWriteExecute or MapFlags.Io;
        if (((physical | virtualAddress) & (UserLayout.PageSize - 1)) != 0 || virtualAddress < UserLayout.PageSize
            || pages == 0 || pages > UserPageTables.UserTop / UserLayout.PageSize || !knownKind)
        {
            return -Errno.EINVAL;
        }
        ulong end = physical + (ulong)pages * UserLayout.PageSize;
        ContainerRecord* container = ContainerOf(caller);
        bool allowed = io
            ? physical == UartPage && pages == 1
            : physical >= container->MemoryBase && end <= (ulong)container->MemoryBase + container->MemorySize;
        if (!allowed)
        {
            return -Errno.EPERM;
        }
        MmStatus check = UserPageTables.CheckMap(_memory, _frames, space->L1, virtualAddress, physical, pages, kind);
        if (check != MmStatus.Ok)
        {
            return check switch
            {
                MmStatus.OutOfMemory => -Errno.ENOMEM,
                MmStatus.AlreadyMapped => -Errno.EEXIST,
                _ => -Errno.EINVAL,
            };
        }
        uint* r = _hal.Registers(_core);
        while (true)
        {
            uint n = pages < PreemptionChunk ? pages : PreemptionChunk;
            UserPageTables.Map(_memory, _frames, space->L1, virtualAddress, physical, n, kind);
            _hal.Charge(_core, n * CyclesPerPage);
            pages -= n;
            if (pages == 0)
            {
                return 0;
            }
            physical += n * UserLayout.PageSize;
            virtualAddress += n * UserLayout.PageSize;
            if (PreemptionPending())
            {
                r[0] = physical;
                r[1] = virtualAddress;
                r[2] = pages;
                return NoResult;
            }
        }
    }

    private int Unmap(Tcb* caller, uint virtualAddress, uint pages, uint tid)
    {
        int status = TargetSpace(caller, tid, out AddressSpace* space);
        if (status != 0)
        {
            return status;
        }
        if (virtualAddress < UserLayout.PageSize)
        {
            return -Errno.EINVAL; // page 0 is never mapped
        }
        MmStatus check = UserPageTables.CheckUnmap(_memory, space->L1, virtualAddress, pages);
        if (check != MmStatus.Ok)
        {
            return check == MmStatus.NotMapped ? -Errno.ENOMAP : -Errno.EINVAL;
        }
        uint* r = _hal.Registers(_core);
        while (true)
        {
            uint n = pages < PreemptionChunk ? pages : PreemptionChunk;
            UserPageTables.Unmap(_memory, _frames, space->L1, virtualAddress, n);
            Shootdown(space);
            _hal.Charge(_core, n * CyclesPerPage);
            pages -= n;
            if (pages == 0)
            {
                return 0;
            }
            virtualAddress += n * UserLayout.PageSize;
            if (PreemptionPending())
            {
                r[0] = virtualAddress;
                r[1] = pages;
                return NoResult;
            }
        }
    }

    /// <summary>
    /// After a space lost mappings: invalidates its ASID on every core (inner-shareable TLBIASIDIS) and
    /// interrupts the other cores running it, so none runs another instruction with a stale entry. In
    /// parallel mode this waits until each of them has applied the flush (the kernel-lock spin applies
    /// it too, so a core waiting for the lock cannot hold this up).
    /// </summary>
    private void Shootdown(AddressSpace* space)
    {
        if (space->AsidContext == 0)
        {
            return; // never ran: no TLB holds its entries
        }
        _hal.InvalidateAsid(_core, (uint)(space->AsidContext & 0xFF));
        uint others = space->LiveCores & ~(1u << _core);
        for (uint m = others; m != 0; m &= m - 1)
        {
            _hal.SendSgi(_core, System.Numerics.BitOperations.TrailingZeroCount(m), InterruptIds.TlbShootdown);
        }
        _shootdowns += others != 0 ? 1 : 0;
        if (!_hal.Parallel)
        {
            return;
        }
        for (uint m = others; m != 0; m &= m - 1)
        {
            int c = System.Numerics.BitOperations.TrailingZeroCount(m);
            while (_hal.TlbFlushPending(c) && !_hal.IsQuiescent(c))
            {
                Thread.SpinWait(8);
            }
        }
    }

    private long _shootdowns;

    /// <summary>TLB shootdowns that had to interrupt other cores.</summary>
    public long Shootdowns => _shootdowns;
}
