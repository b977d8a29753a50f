// The per-core countdown timers of the MPCore private region: the private timers (PERIPHBASE+0x600, PPI 29)
// and the watchdogs in timer mode (PERIPHBASE+0x620, PPI 30), counting lazily on each core's cycles.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// One countdown timer per core, each core seeing its own: 0x00 Load (writing also reloads the counter),
/// 0x04 Counter, 0x08 Control (bit0 enable, bit1 auto-reload, bit2 IRQ enable, [15:8] prescaler; the
/// watchdog also stores bit3, watchdog mode), 0x0C Interrupt status (write 1 to clear). The output is a
/// level: the bank's PPI on that core is high while the event flag and IRQ enable are both set. Control
/// keeps only its defined bits (QEMU stores the whole word). Other offsets read as zero and ignore writes.
/// <para>
/// The private timers and the watchdogs are two instances. Not modelled for the watchdog, as in QEMU 7.2:
/// watchdog mode (bit 3 is stored but the block keeps behaving as a timer and never resets the core), the
/// reset status register 0x10 and the disable sequence at 0x14 (reads as zero, writes accepted).
/// </para>
/// </summary>
public sealed class CountdownTimerBank
{
    /// <summary>Control bits of the private timer.</summary>
    public const uint PrivateTimerControl = 0xFF07;

    /// <summary>Control bits of the watchdog (adds bit 3, watchdog mode).</summary>
    public const uint WatchdogControl = 0xFF0F;

    private readonly int _ppi;
    private readonly uint _controlMask;

    private readonly Gic _gic;
    private readonly DownCounter[] _timers;
    private readonly DeviceSpinLock[] _locks;

    internal CountdownTimerBank(Gic gic, int cores, int ppi, uint controlMask)
    {
        _gic = gic;
        _ppi = ppi;
        _controlMask = controlMask;
        _timers = new DownCounter[cores];
        _locks = new DeviceSpinLock[cores];
    }

    /// <summary>Reads a register of <paramref name="core"/>'s timer at cycle <paramref name="now"/>.</summary>
    public uint Read(int core, uint offset, long now)
    {
        _locks[core].Enter();
        ref DownCounter t = ref _timers[core];
        t.CatchUp(now);
        uint value = offset switch
        {
            0x00 => t.Load,
            0x04 => t.Counter(now),
            0x08 => t.Control,
            0x0C => t.Status ? 1u : 0u,
            _ => 0,
        };
        _gic.SetPpiLevel(core, _ppi, t.IrqLevel); // a read may notice an event that fell due
        _locks[core].Exit();
        return value;
    }

    public void Write(int core, uint offset, uint value, long now)
    {
        _locks[core].Enter();
        ref DownCounter t = ref _timers[core];
        switch (offset)
        {
            case 0x00: t.WriteLoad(now, value); break;
            case 0x04: t.WriteCounter(now, value); break;
            case 0x08: t.WriteControl(now, value & _controlMask); break;
            case 0x0C: t.WriteStatus(now, value); break;
            default: t.CatchUp(now); break;
        }
        _gic.SetPpiLevel(core, _ppi, t.IrqLevel);
        _locks[core].Exit();
    }

    /// <summary>
    /// The register sequence a kernel uses to start a one-shot: control 0, clear the event flag, load,
    /// then control = <paramref name="control"/>; done under one lock with one update of the PPI, with
    /// exactly the effect of the four writes.
    /// </summary>
    public void Restart(int core, uint load, uint control, long now)
    {
        _locks[core].Enter();
        ref DownCounter t = ref _timers[core];
        t.WriteControl(now, 0);
        t.WriteStatus(now, 1);
        t.WriteLoad(now, load);
        t.WriteControl(now, control & _controlMask);
        _gic.SetPpiLevel(core, _ppi, t.IrqLevel);
        _locks[core].Exit();
    }

    /// <summary>Brings <paramref name="core"/>'s timer to cycle <paramref name="now"/> and drives its PPI.</summary>
    public void Update(int core, long now)
    {
        _locks[core].Enter();
        _timers[core].CatchUp(now);
        _gic.SetPpiLevel(core, _ppi, _timers[core].IrqLevel);
        _locks[core].Exit();
    }

    /// <summary>The cycle at which <paramref name="core"/>'s timer will next raise its PPI, or long.MaxValue.</summary>
    public long Deadline(int core)
    {
        _locks[core].Enter();
        long deadline = _timers[core].Deadline();
        _locks[core].Exit();
        return deadline;
    }
}
