// Address spaces and the map/unmap calls: who may map what, and TLB shootdown on the cores a space is live on.
using ThreadState = Codezero.Kernel.Threads.ThreadState;
using Volatile = System.Threading.Volatile;
using Thread = System.Threading.Thread;
using Codezero.Caps;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Containers;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
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
        _cpu[_core].Resume -= _hal.RewindToSvc(_core); // 4 bytes back in ARM state, 2 in Thumb
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

    /// <summary>
    /// A space made by thread_control(CREATE) for <paramref name="creator"/>: one unit of its Spaces pool,
    /// and for a copy the second-level table frames from its MapPages pool (both returned when it goes).
    /// </summary>
    private int CreateChargedSpace(Tcb* creator, uint copyFromL1, out int slot)
    {
        slot = 0;
        int quota = ConsumeQuota(creator, PoolKind.Spaces, 1, out uint spaceCharge);
        if (quota != 0)
        {
            return quota;
        }
        int framesBefore = _frames.FreeFrames;
        int status = CreateSpace(creator->Container, copyFromL1, out slot);
        if (status != 0)
        {
            ReturnQuota(ref spaceCharge, 1);
            return status;
        }
        AddressSpace* space = _spaces.GetLive(slot);
        space->SpaceCharge = spaceCharge;
        int tables = framesBefore - _frames.FreeFrames - 2; // the 8 KiB first-level table is the space's own
        if (tables > 0)
        {
            quota = ConsumeQuota(creator, PoolKind.MapPages, (uint)tables, out space->MapCharge);
            if (quota != 0)
            {
                FreeSpace(slot);
                return quota;
            }
            space->MapFrames = tables;
        }
        return 0;
    }

    /// <summary>Frees a space with no threads left: its tables, and its ASID after flushing it from every TLB.</summary>
    private void FreeSpace(int slot)
    {
        AddressSpace* space = _spaces.GetLive(slot);
        DestroyCapsOf(slot);
        ReturnQuota(ref space->SpaceCharge, 1);
        ReturnQuota(ref space->MapCharge, (uint)space->MapFrames);
        space->MapFrames = 0;
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

    /// <summary>The thread <paramref name="tid"/> (NIL: the caller) names, whose space a map or unmap changes.</summary>
    private Tcb* TargetOf(Tcb* caller, uint tid)
    {
        Tcb* target = tid == ThreadId.Nil ? caller : Lookup(tid);
        return target == null || target->State == ThreadState.Zombie ? null : target;
    }

    private int Map(Tcb* caller, uint physical, uint virtualAddress, uint pages, uint flags, uint tid)
    {
        Tcb* target = TargetOf(caller, tid);
        if (target == null)
        {
            return -Errno.ESRCH;
        }
        AddressSpace* space = SpaceOf(target);
        MapFlags kind = (MapFlags)flags;
        bool io = kind == MapFlags.Io;
        bool knownKind = kind is MapFlags.ReadOnly or MapFlags.ReadWrite or MapFlags.ReadExecute or MapFlags.ReadWriteExecute or MapFlags.Io;
        if (((physical | virtualAddress) & (UserLayout.PageSize - 1)) != 0 || virtualAddress < UserLayout.PageSize
            || pages == 0 || pages > UserPageTables.UserTop / UserLayout.PageSize || !knownKind
            || virtualAddress + (ulong)pages * UserLayout.PageSize > UserPageTables.UserTop)
        {
            return -Errno.EINVAL;
        }
        uint rights = (flags & (CapRights.Memory.Read | CapRights.Memory.Write | CapRights.Memory.Exec))
                    | (io ? CapRights.Memory.Uncached : CapRights.Memory.Cached);
        int authority = Authority.Map(_caps, SubjectOf(caller), SubjectOf(target), physical >> 12, virtualAddress >> 12, pages, rights);
        if (authority != 0)
        {
            return authority;
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
            int status = ChargeTables(caller, space, TablesNeeded(space, virtualAddress, physical, n, kind));
            if (status != 0)
            {
                return status; // the pages mapped before this step stay mapped, as after a preemption point
            }
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
        Tcb* target = TargetOf(caller, tid);
        if (target == null)
        {
            return -Errno.ESRCH;
        }
        AddressSpace* space = SpaceOf(target);
        if (virtualAddress < UserLayout.PageSize || (virtualAddress & (UserLayout.PageSize - 1)) != 0 || pages == 0
            || pages > UserPageTables.UserTop / UserLayout.PageSize || virtualAddress + (ulong)pages * UserLayout.PageSize > UserPageTables.UserTop)
        {
            return -Errno.EINVAL; // page 0 is never mapped
        }
        int authority = Authority.Unmap(_caps, SubjectOf(caller), SubjectOf(target), virtualAddress >> 12, pages);
        if (authority != 0)
        {
            return authority;
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
            int framesBefore = _frames.FreeFrames;
            UserPageTables.Unmap(_memory, _frames, space->L1, virtualAddress, n);
            ReleaseTables(space, _frames.FreeFrames - framesBefore);
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

    /// <summary>Second-level table frames a map step would take (the decode step's count).</summary>
    private int TablesNeeded(AddressSpace* space, uint virtualAddress, uint physical, uint pages, MapFlags kind)
    {
        UserPageTables.CheckMap(_memory, _frames, space->L1, virtualAddress, physical, pages, kind, out int tables);
        return tables;
    }

    /// <summary>
    /// Charges <paramref name="tables"/> new table frames of <paramref name="space"/> to the MapPages pool:
    /// a space's frames all come from one cap, the first it was charged to.
    /// </summary>
    private int ChargeTables(Tcb* caller, AddressSpace* space, int tables)
    {
        if (tables <= 0)
        {
            return 0;
        }
        int status = space->MapCharge == 0
            ? ConsumeQuota(caller, PoolKind.MapPages, (uint)tables, out space->MapCharge)
            : _caps.ConsumeFrom(space->MapCharge, (uint)tables);
        if (status == 0)
        {
            space->MapFrames += tables;
        }
        return status;
    }

    /// <summary>Table frames an unmap freed go back to the pool they were charged to (boot-made tables were not).</summary>
    private void ReleaseTables(AddressSpace* space, int freed)
    {
        int back = freed < space->MapFrames ? freed : space->MapFrames;
        if (back > 0 && space->MapCharge != 0)
        {
            _caps.Return(space->MapCharge, (uint)back);
            space->MapFrames -= back;
        }
    }

    /// <summary>TLB shootdowns that had to interrupt other cores.</summary>
    public long Shootdowns => _shootdowns;
}
