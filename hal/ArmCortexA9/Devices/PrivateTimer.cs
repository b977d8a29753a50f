// The per-core private timers at PERIPHBASE+0x600: register decoding, lazy counting on cycles, PPI 29.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// One private timer per core (0x00 Load, 0x04 Counter, 0x08 Control: bit0 enable, bit1 auto-reload,
/// bit2 IRQ enable, [15:8] prescaler; 0x0C Interrupt status, write 1 to clear). Each core sees its own.
/// The output is a level: PPI 29 of that core is high while the event flag and IRQ enable are both set.
/// Control keeps only its defined bits (QEMU stores the whole word). Other offsets read as zero.
/// <para>Locking: <c>_locks[core]</c> guards <c>_timers[core]</c>; the GIC lock may be taken inside it.</para>
/// </summary>
public sealed class PrivateTimer
{
    private const uint ControlMask = 0xFF07;

    private readonly Gic _gic;
    private readonly DownCounter[] _timers;
    private readonly DeviceSpinLock[] _locks;

    internal PrivateTimer(Gic gic, int cores)
    {
        _gic = gic;
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
        _gic.SetPpiLevel(core, Gic.PrivateTimerPpi, t.IrqLevel); // a read may notice an event that fell due
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
            case 0x08: t.WriteControl(now, value & ControlMask); break;
            case 0x0C: t.WriteStatus(now, value); break;
            default: t.CatchUp(now); break;
        }
        _gic.SetPpiLevel(core, Gic.PrivateTimerPpi, t.IrqLevel);
        _locks[core].Exit();
    }

    /// <summary>Brings <paramref name="core"/>'s timer to cycle <paramref name="now"/> and drives its PPI.</summary>
    public void Update(int core, long now)
    {
        _locks[core].Enter();
        _timers[core].CatchUp(now);
        _gic.SetPpiLevel(core, Gic.PrivateTimerPpi, _timers[core].IrqLevel);
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
