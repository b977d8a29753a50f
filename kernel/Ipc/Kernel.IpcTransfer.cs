// What a rendezvous copies: the mixing rules of the three tiers, UTCB and buffer copies, and staging.
using System;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// Short copies MR0-MR5 register to register; full adds the 64 UTCB words; extended adds up to 2048
/// bytes from the sender's buffer to the receiver's. Short and full combine to full, extended matches
/// only extended (-ENOIPC to both otherwise), as in Codezero. Each thread owns a 2 KiB staging buffer
/// in the kernel region: a sender that blocks leaves its payload there, so nothing of its memory is read
/// later, and a message whose receive buffer faults waits there while the receiver's pager serves it.
/// Kernel work is charged in cycles (docs/performance.md): per rendezvous and per word copied.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private const int StagingBytes = IpcFlags.ExtendedMax;

    /// <summary>Cycles charged for a rendezvous, and per 4 bytes of UTCB or buffer copied.</summary>
    private const long RendezvousCycles = 40;
    private const long CyclesPerWordCopied = 1;

    private byte* _staging;

    private void InitialiseStaging()
    {
        _staging = _region.Host(_region.Carve((uint)(StagingBytes * _options.MaxThreads), 64));
    }

    /// <summary>Bytes the kernel region needs for the staging buffers of <paramref name="threads"/> threads.</summary>
    public static uint StagingRegionBytes(int threads) => (uint)(StagingBytes * threads);

    private Span<byte> Staging(Tcb* t) => new(_staging + (SlotOf(t) - 1) * StagingBytes, StagingBytes);

    /// <summary>
    /// Copies <paramref name="sender"/>'s message into <paramref name="receiver"/> by the mixing rules
    /// and returns the result both get (0, -ENOIPC, -ENOUTCB). The receiver's MRs, MR1 (the sender's id)
    /// and r2 (the flags of what arrived) are written on success. When the extended copy finds the
    /// receive buffer unmapped, the bytes stay in the receiver's staging buffer and it is marked
    /// <see cref="ThreadFlags.DeliveryPending"/>; the sender's result is 0 all the same.
    /// </summary>
    private int Transfer(Tcb* sender, Tcb* receiver)
    {
        _hal.Charge(_core, RendezvousCycles);
        uint receiverTier = IpcFlags.Tier(receiver->IpcFlags);
        uint tier;
        if ((sender->Flags & ThreadFlags.Faulting) != 0)
        {
            tier = IpcFlags.Short; // a kernel-composed fault message matches every receive tier
        }
        else
        {
            uint senderTier = IpcFlags.Tier(sender->IpcFlags);
            if ((senderTier == IpcFlags.Extended) != (receiverTier == IpcFlags.Extended))
            {
                return -Errno.ENOIPC;
            }
            tier = senderTier | receiverTier; // short 0 | full 1 = full; extended only with extended
        }
        uint senderUtcb = 0, receiverUtcb = 0;
        if (tier == IpcFlags.Full && (!TryUtcb(receiver, out receiverUtcb)
            || ((sender->Flags & ThreadFlags.Staged) == 0 && !TryUtcb(sender, out senderUtcb))))
        {
            return -Errno.ENOUTCB;
        }
        CopyMessage(sender, receiver);
        int bytes = 0;
        if (tier == IpcFlags.Full)
        {
            CopyUtcb(sender, senderUtcb, receiverUtcb);
        }
        else if (tier == IpcFlags.Extended)
        {
            bytes = Math.Min(sender->IpcSize, receiver->IpcSize);
            CopyExtended(sender, receiver, bytes);
        }
        SetUserRegister(receiver, 2, IpcFlags.Received(tier, bytes));
        CountRendezvous(sender, tier);
        Trace?.Record(Diagnostics.TraceKind.Ipc, _core, _hal.Now(_core), sender->Tid, receiver->Tid, tier);
        return 0;
    }

    /// <summary>Counts a rendezvous by tier, on this core and for the sender's container.</summary>
    private void CountRendezvous(Tcb* sender, uint tier)
    {
        ref Sched.CoreState cpu = ref _cpu[_core];
        Containers.ContainerRecord* container = ContainerOf(sender);
        if (tier == IpcFlags.Short)
        {
            cpu.ShortIpcs++;
            container->ShortIpcs++;
        }
        else if (tier == IpcFlags.Full)
        {
            cpu.FullIpcs++;
            container->FullIpcs++;
        }
        else
        {
            cpu.ExtendedIpcs++;
            container->ExtendedIpcs++;
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

    /// <summary>True when the thread's UTCB is mapped writable, as the full tier needs on both sides.</summary>
    private bool UtcbUsable(Tcb* t) => TryUtcb(t, out _);

    /// <summary>
    /// The physical address of the thread's UTCB when it is mapped readable and writable in RAM (not
    /// device memory). A UTCB is 256-byte aligned, so it never crosses a page: one table walk finds it.
    /// </summary>
    private bool TryUtcb(Tcb* t, out uint physical)
    {
        physical = 0;
        return t->Utcb != 0
            && UserPageTables.TryLookup(_memory, SpaceOf(t)->L1, t->Utcb, out physical, out MapFlags flags)
            && (flags & (MapFlags.Read | MapFlags.Write)) == (MapFlags.Read | MapFlags.Write) && (flags & MapFlags.Device) == 0
            && _memory.IsRam(physical, UserLayout.UtcbSize);
    }

    /// <summary>
    /// The sender's 64 UTCB words (live at <paramref name="senderUtcb"/>, or staged when it blocked) into
    /// the receiver's UTCB at <paramref name="receiverUtcb"/>; both were checked by <see cref="TryUtcb"/>.
    /// </summary>
    private void CopyUtcb(Tcb* sender, uint senderUtcb, uint receiverUtcb)
    {
        int size = (int)UserLayout.UtcbSize;
        ReadOnlySpan<byte> words = (sender->Flags & ThreadFlags.Staged) != 0
            ? Staging(sender).Slice(0, size)
            : new ReadOnlySpan<byte>(_memory.HostPointer(senderUtcb), size);
        _memory.WritePhysical(receiverUtcb, words); // through WritePhysical: a page holding code stays coherent
        _hal.Charge(_core, size / 4 * CyclesPerWordCopied);
    }

    /// <summary>
    /// <paramref name="bytes"/> of the sender's buffer (live, or staged) into the receiver's buffer, by way
    /// of the receiver's staging buffer; when the receive buffer is no longer writable the bytes stay
    /// staged and the receiver is marked for delivery once its pager has served the fault.
    /// </summary>
    private void CopyExtended(Tcb* sender, Tcb* receiver, int bytes)
    {
        Span<byte> staged = Staging(receiver).Slice(0, bytes);
        if ((sender->Flags & ThreadFlags.Staged) != 0)
        {
            Staging(sender).Slice(0, bytes).CopyTo(staged);
        }
        else
        {
            UserMemory.TryCopyIn(_memory, SpaceOf(sender)->L1, sender->IpcBuffer, staged); // checked at its entry
        }
        _hal.Charge(_core, (bytes + 3) / 4 * CyclesPerWordCopied);
        receiver->StagedBytes = bytes;
        if (!UserMemory.TryCopyOut(_memory, SpaceOf(receiver)->L1, receiver->IpcBuffer, staged))
        {
            receiver->Flags |= ThreadFlags.DeliveryPending;
        }
    }

    /// <summary>A sender about to block copies what it sends beyond its registers into its staging buffer.</summary>
    private void StagePayload(Tcb* t)
    {
        uint tier = IpcFlags.Tier(t->IpcFlags);
        if (tier == IpcFlags.Full)
        {
            UserMemory.TryCopyIn(_memory, SpaceOf(t)->L1, t->Utcb, Staging(t).Slice(0, (int)UserLayout.UtcbSize));
            t->Flags |= ThreadFlags.Staged;
        }
        else if (tier == IpcFlags.Extended)
        {
            UserMemory.TryCopyIn(_memory, SpaceOf(t)->L1, t->IpcBuffer, Staging(t).Slice(0, t->IpcSize));
            t->StagedBytes = t->IpcSize;
            t->Flags |= ThreadFlags.Staged;
        }
    }

    /// <summary>
    /// The decode step's check of the caller's extended buffer: readable for what it sends, writable if it
    /// receives. 0 when usable; -EFAULT when it leaves the user half or the caller has no pager; otherwise
    /// the caller's pager gets a fault message and the call restarts once it is served (<see cref="NoResult"/>).
    /// </summary>
    private int CheckBuffer(Tcb* caller, uint buffer, int size, bool send, bool receive)
    {
        uint l1 = SpaceOf(caller)->L1;
        uint address = 0, status = 0;
        bool faults = send && UserMemory.FindFault(_memory, l1, buffer, (uint)size, MapFlags.Read, out address, out status);
        if (!faults && receive)
        {
            faults = UserMemory.FindFault(_memory, l1, buffer, (uint)size, MapFlags.Read | MapFlags.Write, out address, out status);
        }
        if (!faults)
        {
            return 0;
        }
        if (status == 0 || !HasLivePager(caller))
        {
            return -Errno.EFAULT;
        }
        ref Sched.CoreState cpu = ref _cpu[_core];
        cpu.Resume -= _hal.RewindToSvc(_core); // at the svc: a served fault restarts the call
        SaveCurrent(_core);
        SendBufferFault(caller, address, status, cpu.Resume);
        return NoResult;
    }

    /// <summary>
    /// A received message waits in <paramref name="t"/>'s staging buffer: copy it into its receive buffer
    /// and let it run with 0, or, if the buffer still faults, ask its pager (or fail the call with -EFAULT).
    /// </summary>
    private void SendStagedDelivery(Tcb* t)
    {
        uint l1 = SpaceOf(t)->L1;
        if (UserMemory.TryCopyOut(_memory, l1, t->IpcBuffer, Staging(t).Slice(0, t->StagedBytes)))
        {
            t->Flags &= ~ThreadFlags.DeliveryPending;
            t->Context.R[0] = 0;
            MakeRunnable(t);
            return;
        }
        UserMemory.FindFault(_memory, l1, t->IpcBuffer, (uint)t->StagedBytes, MapFlags.Read | MapFlags.Write, out uint address, out uint status);
        if (status == 0 || !HasLivePager(t))
        {
            t->Flags &= ~ThreadFlags.DeliveryPending;
            t->Context.R[0] = unchecked((uint)-Errno.EFAULT);
            MakeRunnable(t);
            return;
        }
        SendBufferFault(t, address, status, t->Context.Pc - t->Context.SvcLength);
    }

    private bool HasLivePager(Tcb* t)
    {
        Tcb* pager = Lookup(t->Pager);
        return pager != null && pager != t && pager->State != ThreadState.Zombie;
    }
}
