// GIC CPU interfaces (one per core, banked at PERIPHBASE+0x100): masks, acknowledge, end of interrupt, running priority.
using System;
using System.Numerics;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The per-core CPU interfaces. Every field is guarded by the owning <see cref="Gic"/>'s lock.
/// <para>
/// Running priority follows QEMU's active-priority model: acknowledging an interrupt sets the bit of its
/// group priority (the priority with the low BPR+1 bits cleared) in the core's active-priority set, and
/// the running priority is the highest (numerically lowest) set bit; EOIR clears that highest bit again
/// and deactivates the written ID. So nested interrupts of higher group priority preempt, and the
/// running priority falls back step by step as they complete.
/// </para>
/// Register decoding: 0x00 CTLR, 0x04 PMR, 0x08 BPR, 0x0C IAR, 0x10 EOIR, 0x14 RPR, 0x18 HPPIR,
/// 0x1C ABPR, 0xFC IIDR (0x0001043B, as QEMU). Any other offset reads as zero and ignores writes.
/// </summary>
public sealed class GicCpuInterface
{
    private const int Idle = 0x100;
    private const uint ControlMask = 0x1F; // EnableGrp0, EnableGrp1, AckCtl, FIQEn, CBPR (GICv1 with Security Extensions)

    private readonly GicDistributor _dist;
    private readonly uint[] _control;
    private readonly int[] _priorityMask;
    private readonly uint[] _binaryPoint;
    private readonly uint[] _aliasedBinaryPoint;
    private readonly ulong[] _activePriorities; // two words per core: preemption levels 0-63, 64-127
    private readonly int[] _runningPriority;

    internal GicCpuInterface(GicDistributor distributor, int cores)
    {
        _dist = distributor;
        _control = new uint[cores];
        _priorityMask = new int[cores];
        _binaryPoint = new uint[cores];
        _aliasedBinaryPoint = new uint[cores];
        _activePriorities = new ulong[2 * cores];
        _runningPriority = new int[cores];
        for (int c = 0; c < cores; c++)
        {
            _aliasedBinaryPoint[c] = 1;
            _runningPriority[c] = Idle;
        }
    }

    /// <summary>The running priority of <paramref name="core"/> (0x100 when nothing is active).</summary>
    internal int RunningPriority(int core) => _runningPriority[core];

    /// <summary>
    /// The highest-priority enabled pending interrupt for <paramref name="core"/> whose priority is below
    /// the priority mask, or 1023. What GICC_HPPIR reports and GICC_IAR considers.
    /// </summary>
    internal int HighestPending(int core)
    {
        if ((_dist.Control & 3) == 0 || (_control[core] & 3) == 0)
        {
            return (int)Gic.SpuriousId;
        }
        int best = (int)Gic.SpuriousId;
        int bestPriority = Idle;
        for (int id = 0; id < Gic.InterruptCount; id++)
        {
            if (_dist.IsEnabled(id, core) && _dist.IsPending(id, core))
            {
                int priority = _dist.Priority(id, core);
                if (priority < bestPriority)
                {
                    bestPriority = priority;
                    best = id;
                }
            }
        }
        return bestPriority < _priorityMask[core] ? best : (int)Gic.SpuriousId;
    }

    /// <summary>Whether <paramref name="core"/>'s IRQ output should be asserted.</summary>
    internal bool ShouldSignal(int core)
    {
        if ((_dist.Control & 1) == 0 || (_control[core] & 1) == 0)
        {
            return false; // every interrupt is Group 0: both Group 0 enables are needed
        }
        int id = HighestPending(core);
        return id != (int)Gic.SpuriousId && _dist.Priority(id, core) < _runningPriority[core];
    }

    /// <summary>GICC_IAR: acknowledges the highest pending interrupt if it may preempt the running one.</summary>
    internal uint Acknowledge(int core)
    {
        int id = HighestPending(core);
        if (id == (int)Gic.SpuriousId || _dist.Priority(id, core) >= _runningPriority[core])
        {
            return Gic.SpuriousId;
        }
        int cm = 1 << core;
        uint result = (uint)id;
        if (id < 16)
        {
            int slot = core * 16 + id;
            int sources = _dist.SgiSources[slot];
            int source = BitOperations.TrailingZeroCount(sources);
            sources &= sources - 1;
            _dist.SgiSources[slot] = (byte)sources;
            if (sources == 0)
            {
                _dist.Pending[id] &= (byte)~cm;
            }
            result |= (uint)source << 10;
        }
        else if (id < 32)
        {
            _dist.Pending[id] &= (byte)~cm; // a level input still high keeps it pending
        }
        else
        {
            _dist.Pending[id] = 0; // 1-N: this core takes it
        }
        int groupPriority = _dist.Priority(id, core) & (int)(~0u << (int)((_binaryPoint[core] & 7) + 1)) & 0xFF;
        int level = groupPriority >> 1;
        _activePriorities[2 * core + (level >> 6)] |= 1UL << (level & 63);
        _runningPriority[core] = groupPriority;
        _dist.Active[id] |= (byte)cm;
        return result;
    }

    /// <summary>GICC_EOIR: drops the running priority and deactivates the ID in [9:0].</summary>
    internal void EndOfInterrupt(int core, uint value)
    {
        int id = (int)(value & 0x3FF);
        if (id >= Gic.InterruptCount || _runningPriority[core] == Idle)
        {
            return; // 1023 and IDs that do not exist are ignored; so is an EOI with nothing active
        }
        int word = 2 * core;
        if (_activePriorities[word] != 0)
        {
            _activePriorities[word] &= _activePriorities[word] - 1;
        }
        else
        {
            _activePriorities[word + 1] &= _activePriorities[word + 1] - 1;
        }
        _runningPriority[core] = _activePriorities[word] != 0
            ? BitOperations.TrailingZeroCount(_activePriorities[word]) << 1
            : _activePriorities[word + 1] != 0
                ? (64 + BitOperations.TrailingZeroCount(_activePriorities[word + 1])) << 1
                : Idle;
        _dist.Active[id] &= (byte)~(1 << core);
    }

    /// <summary>A register read; <paramref name="changed"/> tells the GIC that state changed (IAR).</summary>
    internal uint Read(int core, uint offset, out bool changed)
    {
        changed = false;
        switch (offset)
        {
            case 0x00: return _control[core];
            case 0x04: return (uint)_priorityMask[core];
            case 0x08: return _binaryPoint[core];
            case 0x0C:
                changed = true;
                return Acknowledge(core);
            case 0x14: return _runningPriority[core] == Idle ? 0xFFu : (uint)_runningPriority[core];
            case 0x18: return (uint)HighestPending(core);
            case 0x1C: return _aliasedBinaryPoint[core];
            case 0xFC: return 0x0001_043B;
            default: return 0;
        }
    }

    internal void Write(int core, uint offset, uint value)
    {
        switch (offset)
        {
            case 0x00: _control[core] = value & ControlMask; break;
            case 0x04: _priorityMask[core] = (int)(value & 0xF8); break;
            case 0x08: _binaryPoint[core] = value & 7; break;
            case 0x10: EndOfInterrupt(core, value); break;
            case 0x1C: _aliasedBinaryPoint[core] = Math.Max(value & 7, 1u); break; // as QEMU: at least 1
        }
    }
}
