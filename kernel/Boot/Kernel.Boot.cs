// Kernel boot: the shared kernel half (KIP and vector page), root containers from ELF images, first schedule.
using System;
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Containers;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    private const uint SmallPage = 2;
    private const uint ExecuteNever = 1;
    private const uint NormalWriteBackShared = (1u << 6) | (1u << 3) | (1u << 2) | (1u << 10);
    private const uint UserReadOnly = (1u << 9) | (3u << 4);       // AP = 111
    private const uint PrivilegedReadOnly = (1u << 9) | (1u << 4); // AP = 101
    private const uint BranchToSelf = 0xEAFF_FFFE;                 // b .
    private const uint WaitForInterrupt = 0xE320_F003;              // wfi
    private const uint BranchBackOne = 0xEAFF_FFFD;                 // b .-4

    /// <summary>
    /// Builds the half of the address map every space shares (TTBR1): the Kernel Interface Page, read-only
    /// to user code, and the privileged vector page holding the idle loop. Returns the TTBR1 value.
    /// </summary>
    public uint BuildKernelHalf()
    {
        if (!_frames.TryAllocateContiguous(4, 4, out uint l1) || !_frames.TryAllocate(out uint l2)
            || !_frames.TryAllocate(out uint kip) || !_frames.TryAllocate(out uint vectors))
        {
            throw new InvalidOperationException("no frames left for the kernel's own tables");
        }
        uint* table = (uint*)_memory.HostPointer(l1);
        uint kipTable = l2;
        uint vectorTable = l2 + 1024;
        table[UserLayout.KipAddress >> 20] = kipTable | 1;
        table[UserLayout.VectorPage >> 20] = vectorTable | 1;
        ((uint*)_memory.HostPointer(kipTable))[(UserLayout.KipAddress >> 12) & 0xFF] = kip | SmallPage | ExecuteNever | UserReadOnly | NormalWriteBackShared;
        ((uint*)_memory.HostPointer(vectorTable))[(UserLayout.VectorPage >> 12) & 0xFF] = vectors | SmallPage | PrivilegedReadOnly | NormalWriteBackShared;

        uint* k = (uint*)_memory.HostPointer(kip);
        k[0] = UserLayout.KipMagic;
        k[1] = UserLayout.AbiVersion;
        k[2] = (uint)_cores;
        k[3] = (uint)global::Codezero.Hal.ArmCortexA9.Board.ClockHz;
        k[4] = UserLayout.UtcbSize;
        k[5] = (uint)Syscall.Count;
        k[6] = (uint)_options.SliceCycles;

        Span<uint> code = stackalloc uint[10];
        code[..8].Fill(BranchToSelf);
        code[8] = WaitForInterrupt;
        code[9] = BranchBackOne;
        _memory.WritePhysical(vectors, System.Runtime.InteropServices.MemoryMarshal.AsBytes(code));
        return l1;
    }

    /// <summary>
    /// Makes a container for one program: its own physical memory, a space with the image's segments
    /// (with their own rights), a 64 KiB stack and the UTCB page, and a root thread that is its pager.
    /// Boot-time only: it may allocate and throws on a bad image or a full pool. The root runs at
    /// <paramref name="priority"/> (-1: the kernel's default) on the cores of <paramref name="affinity"/>
    /// (0: any), from <paramref name="entry"/> (null: the ELF entry).
    /// </summary>
    public uint CreateRootContainer(ElfImage image, uint memoryBase, uint memorySize, int priority = -1, uint affinity = 0, uint? entry = null)
    {
        if (priority > Sched.RunQueue.Priorities - 1 || (affinity & ~_allCores) != 0)
        {
            throw new ArgumentException($"priority {priority} or affinity 0x{affinity:x} is not possible on {_cores} cores");
        }
        if (!_containers.TryAllocate(out PoolHandle handle))
        {
            throw new InvalidOperationException("too many containers for the kernel's pool");
        }
        ContainerRecord* container = _containers.Get(handle);
        container->Id = handle.Index;
        container->MemoryBase = memoryBase;
        container->MemorySize = memorySize;
        SetContainerName(handle.Index, System.IO.Path.GetFileName(image.DisplayName)); // a manifest boot renames it
        SetContainerSymbols(handle.Index, image.Symbols);
        if (CreateSpace(handle.Index, 0, out int space) != 0)
        {
            throw new InvalidOperationException("no memory for a root address space");
        }
        uint l1 = _spaces.GetLive(space)->L1;

        // Collect the pages each segment touches, with the union of the rights asked for them.
        var pages = new SortedDictionary<uint, MapFlags>();
        foreach (ElfSegment segment in image.Segments)
        {
            uint start = segment.VirtualAddress & ~(UserLayout.PageSize - 1);
            ulong end = ((ulong)segment.VirtualAddress + segment.MemorySize + UserLayout.PageSize - 1) & ~(ulong)(UserLayout.PageSize - 1);
            if (segment.MemorySize == 0)
            {
                continue;
            }
            if (start < UserLayout.PageSize || end > UserLayout.RootStackTop - UserLayout.RootStackSize)
            {
                throw new UnsupportedImageException($"{image.DisplayName}: segment {segment.Index} at 0x{segment.VirtualAddress:x8} is outside the user program area 0x00001000-0x{UserLayout.RootStackTop - UserLayout.RootStackSize:x8}; link it with guests/libl4/l4.ld");
            }
            MapFlags rights = MapFlags.Read | ((segment.Flags & 2) != 0 ? MapFlags.Write : 0) | ((segment.Flags & 1) != 0 ? MapFlags.Execute : 0);
            for (ulong page = start; page < end; page += UserLayout.PageSize)
            {
                pages[(uint)page] = pages.TryGetValue((uint)page, out MapFlags old) ? old | rights : rights;
            }
        }
        uint next = memoryBase;
        uint Allocate()
        {
            if (next + UserLayout.PageSize > memoryBase + memorySize)
            {
                throw new InvalidOperationException($"{image.DisplayName}: the container's {memorySize >> 20} MiB do not hold its image");
            }
            uint frame = next;
            next += UserLayout.PageSize;
            new Span<byte>(_memory.HostPointer(frame), (int)UserLayout.PageSize).Clear();
            return frame;
        }
        void MapPage(uint va, uint pa, MapFlags rights)
        {
            if (UserPageTables.Map(_memory, _frames, l1, va, pa, 1, rights) != MmStatus.Ok)
            {
                throw new InvalidOperationException($"{image.DisplayName}: cannot map 0x{va:x8}");
            }
        }
        foreach (KeyValuePair<uint, MapFlags> page in pages)
        {
            uint frame = Allocate();
            foreach (ElfSegment segment in image.Segments)
            {
                // The part of this segment's file data that falls in this page.
                long from = Math.Max(page.Key, segment.VirtualAddress);
                long to = Math.Min(page.Key + UserLayout.PageSize, (long)segment.VirtualAddress + segment.Data.Length);
                if (from < to)
                {
                    _memory.WritePhysical(frame + (uint)(from - page.Key),
                        segment.Data.Span.Slice((int)(from - segment.VirtualAddress), (int)(to - from)));
                }
            }
            MapPage(page.Key, frame, page.Value);
        }
        for (uint va = UserLayout.RootStackTop - UserLayout.RootStackSize; va < UserLayout.RootStackTop; va += UserLayout.PageSize)
        {
            MapPage(va, Allocate(), MapFlags.ReadWrite);
        }
        MapPage(UserLayout.UtcbPage, Allocate(), MapFlags.ReadWrite);

        _liveContainers++;
        Tcb* t = NewThread(handle.Index, space);
        if (t == null)
        {
            throw new InvalidOperationException("the thread pool is full");
        }
        container->RootTid = t->Tid;
        t->Utcb = UserLayout.UtcbPage;
        t->Priority = priority >= 0 ? priority : _options.RootPriority;
        t->Affinity = affinity == 0 ? _allCores : affinity;
        t->Core = (handle.Index - 1) % _cores;
        if (((t->Affinity >> t->Core) & 1) == 0)
        {
            t->Core = System.Numerics.BitOperations.TrailingZeroCount(t->Affinity);
        }
        t->Context.R[0] = next;
        t->Context.R[1] = memoryBase + memorySize - next;
        t->Context.R[2] = t->Tid;
        t->Context.R[13] = UserLayout.RootStackTop;
        t->Context.SetEntry(entry ?? image.Entry); // bit 0 set: a Thumb entry point
        t->State = ThreadState.Runnable;
        t->SliceLeft = _options.SliceCycles;
        _runQueues[t->Core].EnqueueBack(SlotOf(t), t->Priority);
        return t->Tid;
    }

    /// <summary>Starts every core: each takes the best thread it has, or steals one, or idles.</summary>
    public void StartCores()
    {
        for (int core = 0; core < _cores; core++)
        {
            _core = core;
            _cpu[core].Saved = true;
            Schedule(core);
        }
    }
}
