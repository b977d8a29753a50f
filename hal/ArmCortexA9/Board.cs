// The vexpress-a9 board: cores, physical memory map, code cache, devices and the run loop over them.
using System;
using System.IO;
using System.Threading;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Devices;
using Codezero.Hal.ArmCortexA9.Memory;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Hal.ArmCortexA9.Semihosting;

namespace Codezero.Hal.ArmCortexA9;

/// <summary>
/// A Versatile Express board with a Cortex-A9 MPCore, as QEMU's <c>-M vexpress-a9</c> presents it.
/// Everything a guest can observe lives here; nothing is shared between boards.
/// </summary>
public sealed unsafe class Board : IDisposable
{
    /// <summary>Base of the MPCore private region (SCU, GIC, timers), as CBAR reports it.</summary>
    public const uint PeriphBase = 0x1E00_0000;

    public const uint SystemRegistersBase = 0x1000_0000;
    public const uint Uart0Base = 0x1000_9000;

    /// <summary>GIC interrupt ID of UART0 (motherboard interrupt 5).</summary>
    public const int Uart0Spi = 37;

    private readonly ArmCore[] _cores;
    private readonly ManualResetEventSlim[] _wakeEvents;
    private TraceHasher _traceHash = TraceHasher.Create();

    public Board(BoardOptions options)
    {
        if (options.Cores < 1 || options.Cores > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "a Cortex-A9 MPCore has 1 to 4 cores");
        }
        Options = options;
        Memory = new PhysicalMemoryMap(options.RamSize);
        Code = new CodeCache(Memory, options.CodeCachePages, FlushFetchTlbs);
        Memory.Code = Code;
        Console = new ConsoleSink(options.ConsoleOutput);
        Private = new MpCorePrivateRegion(this, options.Cores);
        Memory.AddDevice(PeriphBase, Private);
        Uart0 = new Pl011Uart(Console, Private.Gic, Uart0Spi, new HostInput(options.ConsoleInput));
        SystemRegisters = new SystemRegisters(this);
        Memory.AddDevice(SystemRegistersBase, SystemRegisters);
        Memory.AddDevice(Uart0Base, Uart0);
        Semihosting = new Semihost(this, options);
        _cores = new ArmCore[options.Cores];
        _wakeEvents = new ManualResetEventSlim[options.Cores];
        for (int i = 0; i < _cores.Length; i++)
        {
            _cores[i] = new ArmCore(this, i);
            _wakeEvents[i] = new ManualResetEventSlim(false);
            _ = _wakeEvents[i].WaitHandle; // create the kernel event now, not on the first blocking wait
            _wakeEvents[i].Wait(1);        // and the lock a blocking wait uses (the run loops must not allocate)
        }
    }

    public BoardOptions Options { get; }

    public PhysicalMemoryMap Memory { get; }

    public CodeCache Code { get; }

    /// <summary>The host console that UART0 and semihosting write to.</summary>
    public ConsoleSink Console { get; }

    public Pl011Uart Uart0 { get; }

    /// <summary>The MPCore private region at <see cref="PeriphBase"/>: SCU, GIC, global/private/watchdog timers.</summary>
    public MpCorePrivateRegion Private { get; }

    /// <summary>The interrupt controller (also usable natively: Acknowledge / EndOfInterrupt).</summary>
    public Gic Gic => Private.Gic;

    public SystemRegisters SystemRegisters { get; }

    public Semihost Semihosting { get; }

    public ReadOnlySpan<ArmCore> Cores => _cores;

    /// <summary>The guest's exit status once it exited through semihosting.</summary>
    public int? ExitStatus { get; private set; }

    /// <summary>Why the last <see cref="Run"/> stopped.</summary>
    public HaltReason Halt { get; private set; }

    /// <summary>Instructions retired by all cores.</summary>
    public long Instructions
    {
        get
        {
            long total = 0;
            foreach (ArmCore core in _cores)
            {
                total += core.Instructions;
            }
            return total;
        }
    }

    /// <summary>
    /// Records an exit (semihosting, the kernel, or the host's Ctrl-C from another thread) and stops every
    /// core; a core asleep in a parallel run is woken so that it sees the stop at once.
    /// </summary>
    public void RequestExit(int status)
    {
        ExitStatus = status;
        foreach (ArmCore core in _cores)
        {
            core.Halt = HaltReason.Exit;
            core.StopBlock = true;
            _wakeEvents[core.Index].Set();
        }
    }

    /// <summary>Cycles in one deterministic round (each core runs this long before the next takes its turn).</summary>
    public const long DefaultQuantum = 10_000;

    /// <summary>Emulated time reached by the last completed deterministic round.</summary>
    public long RoundTime { get; internal set; }

    /// <summary>Hash of every core's registers, flags and cycles at every deterministic round, and of the console output.</summary>
    public ulong TraceHash => _traceHash.Value;

    /// <summary>True while host console input may still deliver a byte (a stream that has not ended).</summary>
    public bool HostInputPending
    {
        get
        {
            Uart0.PollInput();
            return Uart0.InputMayArrive;
        }
    }

    /// <summary>
    /// Runs the board until the guest exits, every core waits with nothing to wake it, a core hits
    /// something this board cannot execute, or <paramref name="maxInstructions"/> retire (all cores together).
    /// </summary>
    public HaltReason Run(long maxInstructions = long.MaxValue, RunMode mode = RunMode.Deterministic, long quantum = DefaultQuantum)
    {
        HaltReason reason = mode == RunMode.Parallel
            ? ParallelRunner.Run(this, maxInstructions, quantum)
            : DeterministicRunner.Run(this, maxInstructions, quantum);
        Halt = reason;
        Console.Flush();
        return reason;
    }

    /// <summary>Brings a core's timers up to its clock, refreshes its next deadline, and takes in host input.</summary>
    internal void UpdateTimers(ArmCore core)
    {
        Private.Update(core.Index);
        Uart0.PollInput();
    }

    internal void HashCore(ArmCore core)
    {
        for (int i = 0; i < 16; i++)
        {
            _traceHash.Add(core.R[i]);
        }
        _traceHash.Add(core.Cpsr);
        _traceHash.Add(core.Cycles);
        _traceHash.Add(Console.BytesWritten);
    }

    /// <summary>
    /// Bytes the core threads of parallel runs allocated on the GC heap inside their run loops, summed
    /// since boot (the run loop must allocate nothing; a test checks it).
    /// </summary>
    public long ParallelRunLoopAllocatedBytes => Interlocked.Read(ref _parallelAllocated);

    private long _parallelAllocated;

    internal void AddRunLoopAllocations(long bytes) => Interlocked.Add(ref _parallelAllocated, bytes);

    /// <summary>The host event a waiting core's thread sleeps on in parallel mode.</summary>
    internal ManualResetEventSlim WakeEvent(int core) => _wakeEvents[core];

    /// <summary>The board clock: one emulated cycle per instruction, 100 MHz as QEMU's MPCore timers tick.</summary>
    public const long ClockHz = 100_000_000;

    /// <summary>
    /// Drives a core's IRQ input (the interrupt controller calls this, from any host thread). A raised
    /// line also signals the core's wake event; the core itself leaves WFI/WFE (see <see cref="ArmCore.TryWake"/>),
    /// because only a core's own runner changes its waiting state.
    /// </summary>
    public void SetIrqLine(int core, bool level)
    {
        ArmCore c = _cores[core];
        c.IrqLine = level;
        if (level)
        {
            c.StopBlock = true;
            _wakeEvents[core].Set();
        }
    }

    /// <summary>SEV: sets every core's event register and signals the cores' wake events.</summary>
    public void SendEvent()
    {
        foreach (ArmCore core in _cores)
        {
            core.EventRegister = true;
            _wakeEvents[core.Index].Set();
        }
    }

    /// <summary>An inner-shareable TLB operation: exact on the issuing core, a full flush on the others.</summary>
    internal void BroadcastTlbMaintenance(ArmCore issuer, uint op, uint value)
    {
        issuer.TlbMaintenance(op, value);
        foreach (ArmCore core in _cores)
        {
            if (core != issuer)
            {
                core.RemoteTlbFlushPending = true;
            }
        }
    }

    internal void FlushWriteTlbs()
    {
        foreach (ArmCore core in _cores)
        {
            core.FlushSoftTlbWrites();
        }
    }

    internal void FlushFetchTlbs()
    {
        if (_cores == null)
        {
            return;
        }
        foreach (ArmCore core in _cores)
        {
            core.FlushSoftTlbFetch();
        }
    }

    public void Dispose()
    {
        Console.Flush();
        Uart0.Dispose();
        foreach (ArmCore core in _cores)
        {
            core.Dispose();
        }
        foreach (ManualResetEventSlim wake in _wakeEvents)
        {
            wake.Dispose();
        }
        Code.Dispose();
        Memory.Dispose();
        Semihosting.Dispose();
    }
}
