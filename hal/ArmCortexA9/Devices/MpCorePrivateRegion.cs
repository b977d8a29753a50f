// The Cortex-A9 MPCore private memory region at PERIPHBASE: dispatches to the SCU, GIC, global, private and watchdog timers.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The 8 KiB private region of the MPCore, laid out as on the A9 and in QEMU's a9mpcore:
/// <list type="table">
/// <item><term>0x0000-0x00FF</term><description>SCU</description></item>
/// <item><term>0x0100-0x01FF</term><description>GIC CPU interface of the accessing core</description></item>
/// <item><term>0x0200-0x021F</term><description>global timer (the comparator registers are the accessing core's)</description></item>
/// <item><term>0x0600-0x061F</term><description>private timer of the accessing core</description></item>
/// <item><term>0x0620-0x063F</term><description>watchdog of the accessing core</description></item>
/// <item><term>0x1000-0x1FFF</term><description>GIC distributor</description></item>
/// </list>
/// Every other offset reads as zero and ignores writes: QEMU leaves the holes unmapped and this board
/// reads unmapped MPCore space as zero rather than aborting, so a probe of a hole behaves the same.
/// <para>
/// Access sizes: the architecture supports only word accesses here. The distributor accepts byte and
/// halfword accesses as QEMU does (IPRIORITYR and ITARGETSR are byte-accessible by definition). Elsewhere
/// a smaller access is decoded at its exact offset and the result truncated, which is what QEMU's
/// handlers do; nothing aborts.
/// </para>
/// <para>
/// Time: timers read the accessing core's <see cref="ArmCore.LiveCycles"/>, exact in the middle of an
/// instruction. After every timer register write the core's <see cref="ArmCore.NextDeadline"/> is
/// refreshed and its current slice shortened to end at the new deadline, so a guest that programs a
/// timer and then spins takes its interrupt on time. The scheduler calls <see cref="Update"/> after each
/// slice (see docs/board.md, Devices).
/// </para>
/// </summary>
public sealed class MpCorePrivateRegion : IMmioDevice
{
    private readonly Board _board;
    private readonly int _cores;

    public MpCorePrivateRegion(Board board, int cores)
    {
        _board = board;
        _cores = cores;
        Gic = new Gic(board, cores);
        Scu = new Scu(cores);
        GlobalTimer = new GlobalTimer(Gic, cores);
        PrivateTimer = new CountdownTimerBank(Gic, cores, Gic.PrivateTimerPpi, CountdownTimerBank.PrivateTimerControl);
        Watchdog = new CountdownTimerBank(Gic, cores, Gic.WatchdogPpi, CountdownTimerBank.WatchdogControl);
    }

    public Gic Gic { get; }

    public Scu Scu { get; }

    public GlobalTimer GlobalTimer { get; }

    public CountdownTimerBank PrivateTimer { get; }

    public CountdownTimerBank Watchdog { get; }

    public uint Size => 0x2000;

    public bool Read(int core, uint offset, int size, out uint value)
    {
        if (offset >= 0x1000)
        {
            value = Gic.ReadDistributor(core, offset - 0x1000, size);
            return true;
        }
        uint raw = 0;
        switch (offset >> 8)
        {
            case 0x0:
                raw = Scu.Read(offset);
                break;
            case 0x1:
                raw = Gic.ReadCpuInterface(core, offset - 0x100);
                break;
            case 0x2:
                if (offset < 0x220)
                {
                    raw = GlobalTimer.Read(core, offset - 0x200, Now(core));
                }
                break;
            case 0x6:
                if (offset < 0x620)
                {
                    raw = PrivateTimer.Read(core, offset - 0x600, Now(core));
                }
                else if (offset < 0x640)
                {
                    raw = Watchdog.Read(core, offset - 0x620, Now(core));
                }
                break;
        }
        value = size >= 4 ? raw : raw & ((1u << (8 * size)) - 1);
        return true;
    }

    public bool Write(int core, uint offset, int size, uint value)
    {
        if (offset >= 0x1000)
        {
            Gic.WriteDistributor(core, offset - 0x1000, size, value);
            return true;
        }
        switch (offset >> 8)
        {
            case 0x0:
                Scu.Write(offset, size, value);
                break;
            case 0x1:
                Gic.WriteCpuInterface(core, offset - 0x100, value);
                break;
            case 0x2:
                if (offset < 0x220)
                {
                    GlobalTimer.Write(core, offset - 0x200, value, Now(core));
                    if (offset == 0x208)
                    {
                        for (int c = 0; c < _cores; c++)
                        {
                            RefreshDeadline(c, c == core); // the shared enable/prescaler moves every core's comparator
                        }
                    }
                    else
                    {
                        RefreshDeadline(core, true);
                    }
                }
                break;
            case 0x6:
                if (offset < 0x620)
                {
                    PrivateTimer.Write(core, offset - 0x600, value, Now(core));
                    RefreshDeadline(core, true);
                }
                else if (offset < 0x640)
                {
                    Watchdog.Write(core, offset - 0x620, value, Now(core));
                    RefreshDeadline(core, true);
                }
                break;
        }
        return true;
    }

    /// <summary>
    /// Restarts <paramref name="core"/>'s private timer as the register writes control = 0, status = 1,
    /// load = <paramref name="load"/>, control = <paramref name="control"/> would (one locked step).
    /// </summary>
    public void RestartPrivateTimer(int core, uint load, uint control)
    {
        PrivateTimer.Restart(core, load, control, Now(core));
        RefreshDeadline(core, true);
    }

    /// <summary>
    /// The earliest cycle at which one of <paramref name="core"/>'s timers (private timer, watchdog, its
    /// global-timer comparator) will raise its interrupt, or long.MaxValue. Events that cannot change an
    /// interrupt line (IRQ enable clear, or the event flag already set) do not count: their effect on the
    /// registers is computed when the guest reads them.
    /// </summary>
    public long NextDeadline(int core)
    {
        return Math.Min(PrivateTimer.Deadline(core), Math.Min(Watchdog.Deadline(core), GlobalTimer.Deadline(core)));
    }

    /// <summary>
    /// Brings <paramref name="core"/>'s timers up to its <see cref="ArmCore.LiveCycles"/> exactly as if they
    /// had been ticking (event flags, reloads, comparator increments, PPIs 27/29/30), then stores the next
    /// deadline in <see cref="ArmCore.NextDeadline"/>. Call it after every slice of that core, and before a
    /// waiting core is resumed at a later cycle.
    /// </summary>
    public void Update(int core)
    {
        long now = Now(core);
        PrivateTimer.Update(core, now);
        Watchdog.Update(core, now);
        GlobalTimer.Update(core, now);
        _board.Cores[core].NextDeadline = NextDeadline(core);
    }

    private long Now(int core)
    {
        ReadOnlySpan<ArmCore> cores = _board.Cores;
        return (uint)core < (uint)cores.Length ? cores[core].LiveCycles : 0;
    }

    private void RefreshDeadline(int core, bool accessing)
    {
        ReadOnlySpan<ArmCore> cores = _board.Cores;
        if ((uint)core >= (uint)cores.Length)
        {
            return;
        }
        long deadline = NextDeadline(core);
        cores[core].NextDeadline = deadline;
        if (accessing)
        {
            cores[core].LimitSliceTo(deadline);
        }
    }
}
