// The kernel: its pools and per-core state in board RAM, and the lookups every subsystem shares.
using System;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Memory;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Containers;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Sched;
using Codezero.Kernel.Sync;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A Codezero-style microkernel. It executes no guest instructions: each core runs user code, and
/// every exception a core takes (SVC, abort, undefined instruction, IRQ) enters <see cref="Enter"/> on
/// that core's host thread, which handles it and resumes the core, on the same or another thread.
/// All state is in fixed pools carved from board RAM at boot; nothing on an entry path allocates.
/// The kernel is generic over its HAL, a struct, so hardware access is statically dispatched.
/// Split by subsystem: Entry (exceptions and interrupts), Sched, Threads, Mm, Ipc, Sync (mutexes).
/// </summary>
public sealed unsafe partial class Kernel<THal> where THal : struct, IKernelHal
{
    private THal _hal;
    private readonly KernelOptions _options;
    private readonly PhysicalMemoryMap _memory;
    private readonly KernelRegion _region;
    private readonly PhysicalFrameAllocator _frames;
    private readonly KernelPool<Tcb> _threads;
    private readonly KernelPool<AddressSpace> _spaces;
    private readonly KernelPool<ContainerRecord> _containers;
    private readonly AsidAllocator _asids;
    private readonly RunQueue[] _runQueues;
    private readonly CoreState* _cpu;
    private readonly int _cores;
    private readonly uint _allCores;
    private KernelLock _lock;
    private int _liveContainers;

    public Kernel(THal hal, KernelOptions options, KernelRegion region, PhysicalFrameAllocator frames)
    {
        if (options.MaxThreads < 1 || options.MaxThreads > ThreadId.MaxSlots || options.MaxContainers < 1 || options.MaxContainers > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "thread pool 1-4095, containers 1-127");
        }
        _hal = hal;
        _options = options;
        _memory = hal.Memory;
        _region = region;
        _frames = frames;
        _cores = hal.CoreCount;
        _allCores = (1u << _cores) - 1;
        _threads = new KernelPool<Tcb>(region, options.MaxThreads);
        _spaces = new KernelPool<AddressSpace>(region, options.MaxSpaces);
        _containers = new KernelPool<ContainerRecord>(region, options.MaxContainers);
        _asids = new AsidAllocator(_cores);
        _runQueues = new RunQueue[_cores];
        for (int i = 0; i < _cores; i++)
        {
            _runQueues[i] = new RunQueue(region, options.MaxThreads);
        }
        _cpu = (CoreState*)region.Host(region.Carve((uint)(sizeof(CoreState) * _cores), 64));
        new Span<byte>(_cpu, sizeof(CoreState) * _cores).Clear();
        InitialiseMutexes(options.MaxContendedMutexes);
        InitialiseStaging();
        InitialiseCapabilities();
        InitialiseIrqLines();
    }

    public KernelOptions Options => _options;

    /// <summary>Set at boot to record a timeline (switches, IPC, faults, interrupts); null: no tracing.</summary>
    public Diagnostics.TraceBuffer? Trace { get; set; }

    /// <summary>Set at boot by a manifest run: console output goes out prefixed with container names.</summary>
    public Diagnostics.ContainerConsole? Console { get; set; }

    /// <summary>Console text of container <paramref name="container"/> (0: the kernel's own reports).</summary>
    private void WriteConsole(int container, System.ReadOnlySpan<byte> text)
    {
        if (Console != null)
        {
            Console.Write(container, text);
        }
        else
        {
            _hal.WriteConsole(text);
        }
    }

    public THal Hal => _hal;

    public int CoreCount => _cores;

    /// <summary>Threads alive (zombies included).</summary>
    public int LiveThreads => _threads.Count;

    public int LiveSpaces => _spaces.Count;

    public int FreeFrames => _frames.FreeFrames;

    /// <summary>Per-core statistics and state.</summary>
    public ref CoreState Cpu(int core) => ref _cpu[core];

    /// <summary>A container's record by id (null for an id that is not live).</summary>
    public ContainerRecord* Container(int id) => _containers.GetLive(id);

    /// <summary>The thread a user-visible id names, or null when the id is bad, stale or forged.</summary>
    public Tcb* Lookup(uint tid)
    {
        int slot = ThreadId.Slot(tid);
        if (slot == 0 || slot > _options.MaxThreads)
        {
            return null;
        }
        Tcb* t = Slot(slot);
        return t != null && t->Tid == tid ? t : null;
    }

    /// <summary>The live thread in pool slot <paramref name="slot"/>, or null.</summary>
    private Tcb* Slot(int slot) => _threads.GetLive(slot);

    private static int SlotOf(Tcb* t) => ThreadId.Slot(t->Tid);

    private AddressSpace* SpaceOf(Tcb* t) => _spaces.GetLive(t->Space);

    private ContainerRecord* ContainerOf(Tcb* t) => _containers.GetLive(t->Container);

    /// <summary>The thread running on <paramref name="core"/> (null when idle).</summary>
    private Tcb* CurrentThread(int core) => _cpu[core].Current == 0 ? null : Slot(_cpu[core].Current);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Acquire(int core)
    {
        if (_lock.TryEnter(core))
        {
            return;
        }
        AcquireSlow(core);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AcquireSlow(int core)
    {
        while (!_lock.TryEnter(core))
        {
            _hal.ServiceTlbFlush(core); // a shootdown in progress may be waiting for this core
            System.Threading.Thread.SpinWait(4);
        }
    }

    private void Release() => _lock.Exit();
}
