// The HAL contract implemented on the emulated Cortex-A9 MPCore board, through its registers.
using System;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Devices;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Kernel.Hal;

/// <summary>
/// A thin struct over the board: CP15 registers for the MMU and thread registers, the GIC's
/// acknowledge/EOI and SGI registers, the private timer's registers. The kernel reaches the hardware
/// only through this, as a real kernel's arch layer.
/// </summary>
public readonly unsafe struct CortexA9Hal : IKernelHal
{
    private const uint PrivateTimerControl = 0x608;
    private const uint PrivateTimerStatus = 0x60C;
    private const uint TimerEnableWithIrq = 0b101; // enable, one-shot, IRQ enable, prescaler 0
    private const uint GicdSgir = 0xF00;

    private readonly Board _board;
    private readonly ArmCore[] _cores;

    public CortexA9Hal(Board board, bool parallel)
    {
        _board = board;
        _cores = board.Cores.ToArray();
        Parallel = parallel;
    }

    public Board Board => _board;

    public int CoreCount => _cores.Length;

    public bool Parallel { get; }

    public PhysicalMemoryMap Memory => _board.Memory;

    public void InstallEntry(object kernel)
    {
        foreach (ArmCore core in _cores)
        {
            core.HookTarget = kernel;
            core.ExceptionHook = &Entry;
        }
    }

    private static bool Entry(ArmCore core, ExceptionKind kind, uint returnAddress)
        => Unsafe.As<Kernel<CortexA9Hal>>(core.HookTarget)!.Enter(core.Index, kind, returnAddress);

    public ArmCore Core(int core) => _cores[core];

    public uint* Registers(int core) => _cores[core].R;

    public uint StoppedPc(int core) => _cores[core].Pc;

    public long Now(int core) => _cores[core].LiveCycles;

    public void SaveContext(int core, UserContext* context, uint resumeAt) => _cores[core].SaveUserContext(context, resumeAt);

    public void LoadContext(int core, UserContext* context) => _cores[core].LoadUserContext(context);

    public bool InThumbState(int core) => _cores[core].InThumbState;

    public uint RewindToSvc(int core) => _cores[core].RewindToSvc();

    public void Resume(int core, uint pc)
    {
        ArmCore c = _cores[core];
        c.SetPc(pc);
        c.StopBlock = true;
    }

    public void EnterIdle(int core)
    {
        ArmCore c = _cores[core];
        c.WriteCpsr((uint)ProcessorMode.Supervisor | Psr.A | Psr.F); // IRQs open, so WFI wakes on them
        c.SetPc(Abi.UserLayout.IdleLoop);
        c.StopBlock = true;
    }

    public void SetUserSpace(int core, uint ttbr0, uint asid, bool flushAll)
    {
        ArmCore c = _cores[core];
        if (flushAll)
        {
            c.WriteCp15Privileged(0, 8, 7, 0, 0); // TLBIALL
        }
        c.WriteCp15Privileged(0, 13, 0, 1, asid);  // CONTEXTIDR
        c.WriteCp15Privileged(0, 2, 0, 0, ttbr0);  // TTBR0
    }

    public void SetUtcbPointer(int core, uint utcb) => _cores[core].WriteCp15Privileged(0, 13, 0, 3, utcb); // TPIDRURO

    public void InvalidateAsid(int core, uint asid) => _cores[core].WriteCp15Privileged(0, 8, 3, 2, asid); // TLBIASIDIS

    public bool TlbFlushPending(int core) => _cores[core].TlbFlushPending;

    public void ServiceTlbFlush(int core)
    {
        ArmCore c = _cores[core];
        if (c.TlbFlushPending)
        {
            c.ServiceRemoteTlbFlush();
        }
    }

    public bool IsQuiescent(int core)
    {
        ArmCore c = _cores[core];
        return c.Waiting || c.Halt != HaltReason.None;
    }

    public uint AcknowledgeInterrupt(int core) => _board.Gic.Acknowledge(core);

    public void EndInterrupt(int core, uint iar) => _board.Gic.EndOfInterrupt(core, iar);

    public bool InterruptPending(int core) => _cores[core].IrqLine;

    public void SendSgi(int core, int target, int sgi)
        => _board.Gic.WriteDistributor(core, GicdSgir, 4, (1u << (16 + target)) | (uint)sgi);

    public void EnableSharedInterrupt(int core, int id, int target)
    {
        Gic gic = _board.Gic;
        gic.WriteDistributor(core, 0x400 + (uint)id, 1, 0xA0);                         // GICD_IPRIORITYR: above the PMR
        gic.WriteDistributor(core, 0x800 + (uint)id, 1, 1u << target);                 // GICD_ITARGETSR
        gic.WriteDistributor(core, 0x100 + (uint)(id / 32) * 4, 4, 1u << (id % 32));   // GICD_ISENABLER
    }

    public void DisableSharedInterrupt(int core, int id)
        => _board.Gic.WriteDistributor(core, 0x180 + (uint)(id / 32) * 4, 4, 1u << (id % 32)); // GICD_ICENABLER

    public void StartSliceTimer(int core, long cycles)
    {
        uint load = cycles > uint.MaxValue ? uint.MaxValue : (uint)Math.Max(1, cycles);
        // Control 0, clear the event, load, enable with IRQ: the four register writes, in one step.
        _board.Private.RestartPrivateTimer(core, load, TimerEnableWithIrq);
    }

    public void StopSliceTimer(int core)
    {
        MpCorePrivateRegion region = _board.Private;
        region.Write(core, PrivateTimerControl, 4, 0);
        region.Write(core, PrivateTimerStatus, 4, 1);
    }

    public uint DataFaultAddress(int core) => _cores[core].Dfar;

    public uint DataFaultStatus(int core) => _cores[core].Dfsr;

    public uint InstructionFaultAddress(int core) => _cores[core].Ifar;

    public uint InstructionFaultStatus(int core) => _cores[core].Ifsr;

    public void Charge(int core, long cycles)
    {
        ArmCore c = _cores[core];
        c.Cycles += cycles; // LiveCycles moves with it; the run loop adds only instructions at its end
        if (c.LiveCycles >= c.NextDeadline)
        {
            _board.Private.Update(core); // a timer fell due meanwhile: its interrupt becomes pending now
        }
    }

    public void WriteConsole(ReadOnlySpan<byte> text) => _board.Console.Write(text);

    public void Stop(int status) => _board.RequestExit(status);

    /// <summary>
    /// Boot-time programming of the interrupt controller and each core's MMU and vectors, through their
    /// registers: distributor and CPU interfaces on, the SGIs and the timer PPI enabled on every core,
    /// TTBCR.N = 1 with the shared kernel table in TTBR1, domain 0 client, high vectors, MMU on.
    /// </summary>
    public void InitialiseCores(uint ttbr1)
    {
        Gic gic = _board.Gic;
        for (int i = 0; i < _cores.Length; i++)
        {
            ArmCore c = _cores[i];
            gic.WriteDistributor(i, 0x000, 4, 1);                      // GICD_CTLR
            gic.WriteDistributor(i, 0x100, 4, 0xFFFFu | (1u << InterruptIds.SliceTimer)); // ISENABLER0 (banked)
            gic.WriteCpuInterface(i, 0x004, 0xF0);                     // GICC_PMR
            gic.WriteCpuInterface(i, 0x000, 1);                        // GICC_CTLR
            c.WriteCp15Privileged(0, 2, 0, 2, Mm.UserPageTables.Ttbcr);         // TTBCR
            c.WriteCp15Privileged(0, 2, 0, 1, ttbr1);                            // TTBR1
            c.WriteCp15Privileged(0, 3, 0, 0, 1);                                // DACR: domain 0 client
            c.WriteCp15Privileged(0, 13, 0, 1, 0);                               // CONTEXTIDR: no user space
            c.WriteCp15Privileged(0, 8, 7, 0, 0);                                // TLBIALL
            c.ReadCp15(0, 1, 0, 0, out uint sctlr);
            c.WriteCp15Privileged(0, 1, 0, 0, sctlr | ArmCore.Sctlr_M | ArmCore.Sctlr_V); // MMU on, high vectors
            c.Waiting = false;
            c.Halt = HaltReason.None;
            EnterIdle(i);
        }
    }
}
