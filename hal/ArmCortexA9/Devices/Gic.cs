// The Cortex-A9 MPCore interrupt controller (GIC v1): its lock, its input lines and the IRQ outputs it drives.
using System;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The GIC of the A9 MPCore as QEMU 7.2 presents it on vexpress-a9: 96 interrupt IDs (16 SGIs, 16 PPIs,
/// 64 SPIs), 5 priority bits, 1 to 4 CPU interfaces, Security Extensions present.
/// <para>
/// Security and grouping: the cores run in Secure state and nothing is ever configured as Group 1, so
/// every access is a Secure access and every interrupt is Group 0. IGROUPR reads as zero and ignores
/// writes (QEMU would store the bits); interrupts are always signalled as IRQ, never FIQ (GICC_CTLR.FIQEn
/// is stored but has no effect). This is the configuration a bare-metal program or our kernel sees.
/// </para>
/// <para>
/// Locking: one <see cref="DeviceSpinLock"/> (<c>_lock</c>) guards all distributor state
/// (<see cref="GicDistributor"/>'s fields) and all CPU-interface state (<see cref="GicCpuInterface"/>'s
/// fields). Every public entry point takes it; the parts assume it is held. While holding it the GIC
/// calls only <see cref="Board.SetIrqLine"/>, which takes no lock. Devices that drive lines (timers, UART)
/// may call in while holding their own lock: the GIC lock always ranks last.
/// </para>
/// After every change the GIC recomputes, for each core, whether an interrupt is deliverable (distributor
/// and CPU interface enabled, an enabled pending interrupt whose priority is below both the priority mask
/// and the running priority) and drives that core's IRQ line.
/// </summary>
public sealed class Gic
{
    /// <summary>Interrupt IDs the distributor implements (ITLinesNumber = 2).</summary>
    public const int InterruptCount = 96;

    /// <summary>The ID GICC_IAR returns when nothing can be acknowledged.</summary>
    public const uint SpuriousId = 1023;

    public const int PrivateTimerPpi = 29;
    public const int WatchdogPpi = 30;
    public const int GlobalTimerPpi = 27;

    private readonly Board _board;
    private DeviceSpinLock _lock;

    public Gic(Board board, int cores)
    {
        if (cores < 1 || cores > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(cores), "an A9 MPCore GIC has 1 to 4 CPU interfaces");
        }
        _board = board;
        Cores = cores;
        Distributor = new GicDistributor(cores);
        CpuInterface = new GicCpuInterface(Distributor, cores);
    }

    /// <summary>Number of CPU interfaces.</summary>
    public int Cores { get; }

    /// <summary>Distributor state and register decoding (state guarded by this GIC's lock).</summary>
    public GicDistributor Distributor { get; }

    /// <summary>CPU-interface state and register decoding (state guarded by this GIC's lock).</summary>
    public GicCpuInterface CpuInterface { get; }

    /// <summary>A distributor access from <paramref name="core"/> (offset within the 4 KiB block).</summary>
    public uint ReadDistributor(int core, uint offset, int size)
    {
        _lock.Enter();
        uint value = Distributor.Read(core, offset, size);
        _lock.Exit();
        return value;
    }

    public void WriteDistributor(int core, uint offset, int size, uint value)
    {
        _lock.Enter();
        Distributor.Write(core, offset, size, value);
        UpdateLines();
        _lock.Exit();
    }

    /// <summary>A CPU-interface access; the interface is the accessing core's own (banked).</summary>
    public uint ReadCpuInterface(int core, uint offset)
    {
        _lock.Enter();
        uint value = CpuInterface.Read(core, offset, out bool changed);
        if (changed)
        {
            UpdateLines();
        }
        _lock.Exit();
        return value;
    }

    public void WriteCpuInterface(int core, uint offset, uint value)
    {
        _lock.Enter();
        CpuInterface.Write(core, offset, value);
        UpdateLines();
        _lock.Exit();
    }

    /// <summary>Exactly a read of GICC_IAR by <paramref name="core"/>: ID in [9:0], SGI source in [12:10], 1023 if none.</summary>
    public uint Acknowledge(int core)
    {
        _lock.Enter();
        uint value = CpuInterface.Acknowledge(core);
        UpdateLines();
        _lock.Exit();
        return value;
    }

    /// <summary>Exactly a write of <paramref name="iarValue"/> to GICC_EOIR by <paramref name="core"/>.</summary>
    public void EndOfInterrupt(int core, uint iarValue)
    {
        _lock.Enter();
        CpuInterface.EndOfInterrupt(core, iarValue);
        UpdateLines();
        _lock.Exit();
    }

    /// <summary>Drives the input of shared peripheral interrupt <paramref name="id"/> (32..95).</summary>
    public void SetSpiLevel(int id, bool level)
    {
        if ((uint)(id - 32) >= InterruptCount - 32)
        {
            return;
        }
        _lock.Enter();
        if (Distributor.SetLevel(id, GicDistributor.AllCores, level))
        {
            UpdateLines();
        }
        _lock.Exit();
    }

    /// <summary>Drives <paramref name="core"/>'s private peripheral interrupt <paramref name="id"/> (16..31).</summary>
    public void SetPpiLevel(int core, int id, bool level)
    {
        if ((uint)(id - 16) >= 16 || (uint)core >= (uint)Cores)
        {
            return;
        }
        _lock.Enter();
        if (Distributor.SetLevel(id, 1 << core, level))
        {
            UpdateLines();
        }
        _lock.Exit();
    }

    /// <summary>Whether the GIC currently asserts <paramref name="core"/>'s IRQ output.</summary>
    public bool IsSignalling(int core)
    {
        _lock.Enter();
        bool signal = CpuInterface.ShouldSignal(core);
        _lock.Exit();
        return signal;
    }

    // Lock held. Drives each core's IRQ line to what the state says; only changes reach the board.
    private void UpdateLines()
    {
        ReadOnlySpan<Cpu.ArmCore> cores = _board.Cores;
        for (int c = 0; c < Cores && c < cores.Length; c++)
        {
            bool signal = CpuInterface.ShouldSignal(c);
            if (signal != cores[c].IrqLine)
            {
                _board.SetIrqLine(c, signal);
            }
        }
    }
}
