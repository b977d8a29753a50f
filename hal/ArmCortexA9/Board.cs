// The vexpress-a9 board: cores, physical memory map, code cache, devices and the run loop over them.
using System;
using System.IO;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Devices;
using Codezero.Hal.ArmCortexA9.Memory;
using Codezero.Hal.ArmCortexA9.Semihosting;

namespace Codezero.Hal.ArmCortexA9;

/// <summary>
/// A Versatile Express board with a Cortex-A9 MPCore, as QEMU's <c>-M vexpress-a9</c> presents it.
/// Everything a guest can observe lives here; nothing is shared between boards.
/// </summary>
public sealed class Board : IDisposable
{
    /// <summary>Base of the MPCore private region (SCU, GIC, timers), as CBAR reports it.</summary>
    public const uint PeriphBase = 0x1E00_0000;

    public const uint SystemRegistersBase = 0x1000_0000;
    public const uint Uart0Base = 0x1000_9000;

    /// <summary>GIC interrupt ID of UART0 (motherboard interrupt 5).</summary>
    public const int Uart0Spi = 37;

    private readonly ArmCore[] _cores;

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
        for (int i = 0; i < _cores.Length; i++)
        {
            _cores[i] = new ArmCore(this, i);
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

    /// <summary>Records a semihosting exit and stops every core.</summary>
    public void RequestExit(int status)
    {
        ExitStatus = status;
        foreach (ArmCore core in _cores)
        {
            core.Halt = HaltReason.Exit;
            core.StopBlock = true;
        }
    }

    /// <summary>
    /// Runs the board until the guest exits, every core waits with nothing to wake it, a core hits
    /// something this board cannot execute, or <paramref name="maxInstructions"/> retire.
    /// </summary>
    public HaltReason Run(long maxInstructions = long.MaxValue, long quantum = 1_000_000)
    {
        long left = maxInstructions;
        while (true)
        {
            bool anyRunnable = false;
            foreach (ArmCore core in _cores)
            {
                if (core.Halt != HaltReason.None)
                {
                    return Stop(core.Halt);
                }
                if (core.Waiting)
                {
                    WakeIfDue(core);
                    if (core.Waiting)
                    {
                        continue;
                    }
                }
                anyRunnable = true;
                long slice = Math.Min(quantum, left);
                slice = Math.Min(slice, Math.Max(1, core.NextDeadline - core.Cycles)); // stop at the next timer event
                left -= core.Run(slice);
                Private.Update(core.Index);
                Uart0.PollInput();
                if (core.Halt != HaltReason.None)
                {
                    return Stop(core.Halt);
                }
                if (left <= 0)
                {
                    return Stop(HaltReason.InstructionLimit);
                }
            }
            if (!anyRunnable)
            {
                Uart0.PollInput(); // host input that has already arrived may still wake a core
                bool woken = false;
                foreach (ArmCore core in _cores)
                {
                    woken |= !core.Waiting;
                }
                if (!woken)
                {
                    return Stop(HaltReason.Deadlock);
                }
            }
        }
    }

    // A waiting core: WFI/WFE with the IRQ line already high completes at once; otherwise time passes
    // until the core's next timer event, whose interrupt (if the GIC forwards it) wakes the core.
    private void WakeIfDue(ArmCore core)
    {
        if (core.IrqLine)
        {
            core.Waiting = false;
            core.WaitingForEvent = false;
            return;
        }
        if (core.NextDeadline != long.MaxValue)
        {
            if (core.Cycles < core.NextDeadline)
            {
                core.Cycles = core.NextDeadline;
            }
            Private.Update(core.Index);
        }
    }

    private HaltReason Stop(HaltReason reason)
    {
        Halt = reason;
        Console.Flush();
        return reason;
    }

    /// <summary>The board clock: one emulated cycle per instruction, 100 MHz as QEMU's MPCore timers tick.</summary>
    public const long ClockHz = 100_000_000;

    /// <summary>Drives a core's IRQ input (the interrupt controller calls this). A rising level wakes a waiting core.</summary>
    public void SetIrqLine(int core, bool level)
    {
        ArmCore c = _cores[core];
        c.IrqLine = level;
        if (level)
        {
            c.StopBlock = true;
            if (c.Waiting)
            {
                c.Waiting = false;
                c.WaitingForEvent = false;
            }
        }
    }

    /// <summary>SEV: sets every core's event register and wakes the cores waiting in WFE.</summary>
    public void SendEvent()
    {
        foreach (ArmCore core in _cores)
        {
            if (core.Waiting && core.WaitingForEvent)
            {
                core.Waiting = false;
                core.WaitingForEvent = false;
            }
            else
            {
                core.EventRegister = true;
            }
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
        Code.Dispose();
        Memory.Dispose();
        Semihosting.Dispose();
    }
}
