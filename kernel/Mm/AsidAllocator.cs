// ASIDs for address spaces: 255 hardware tags shared by all spaces, recycled by generation with rollover.
using System.Numerics;

namespace Codezero.Kernel.Mm;

/// <summary>
/// Hands out the 8-bit ASIDs that tag non-global TLB entries (ASID 0 is kept for "no user space").
/// A space stores a context: its ASID in bits 7:0 and the generation that ASID belongs to above.
/// When every ASID of the current generation is taken, the generation rolls over: the ASIDs running on
/// some core right now stay theirs (reserved into the new generation), every other space gets a fresh
/// ASID the next time it runs, and every core invalidates its whole TLB before it next switches space,
/// so no entry tagged by a reused ASID can leak between spaces. (This is the scheme Linux uses on ARM.)
/// </summary>
public sealed class AsidAllocator
{
    private const int AsidCount = 256;

    private readonly ulong[] _used = new ulong[AsidCount / 64];
    private readonly ulong[] _active;    // the context running on each core (0: none)
    private readonly ulong[] _reserved;  // contexts kept across the last rollover, by core
    private readonly bool[] _flushPending;
    private ulong _generation = 1;

    public AsidAllocator(int cores)
    {
        _active = new ulong[cores];
        _reserved = new ulong[cores];
        _flushPending = new bool[cores];
        _used[0] = 1; // ASID 0 is never handed out
    }

    /// <summary>Rollovers since boot.</summary>
    public long Rollovers { get; private set; }

    /// <summary>
    /// The ASID to run the space with on <paramref name="core"/>, updating the space's stored
    /// <paramref name="context"/> (0 for a space that never ran). <paramref name="flushTlb"/> says the
    /// core must invalidate its entire TLB before running with it (a rollover happened since it last switched).
    /// </summary>
    public uint Activate(int core, ref ulong context, out bool flushTlb)
    {
        if (context == 0 || (context >> 8) != _generation)
        {
            context = NewContext(core, context);
        }
        _active[core] = context;
        flushTlb = _flushPending[core];
        _flushPending[core] = false;
        return (uint)(context & 0xFF);
    }

    /// <summary>A space is gone: its ASID may be given to another space of this generation.</summary>
    public void Release(ref ulong context)
    {
        if (context != 0 && (context >> 8) == _generation)
        {
            uint asid = (uint)(context & 0xFF);
            _used[asid / 64] &= ~(1UL << (int)(asid % 64));
        }
        for (int core = 0; core < _active.Length; core++)
        {
            if (_active[core] == context)
            {
                _active[core] = 0;
            }
            if (_reserved[core] == context)
            {
                // kept across a rollover: its ASID is marked in the new generation, free it there too
                uint asid = (uint)(context & 0xFF);
                _used[asid / 64] &= ~(1UL << (int)(asid % 64));
                _reserved[core] = 0;
            }
        }
        context = 0;
    }

    private ulong NewContext(int core, ulong old)
    {
        // A space that was running on some core at the last rollover keeps its ASID.
        if (old != 0)
        {
            for (int i = 0; i < _reserved.Length; i++)
            {
                if (_reserved[i] == old)
                {
                    _reserved[i] = 0;
                    return (_generation << 8) | (old & 0xFF);
                }
            }
        }
        int asid = FindFree();
        if (asid < 0)
        {
            Rollover();
            asid = FindFree(); // at most one ASID per core is reserved, so 255 - cores remain
        }
        _used[asid / 64] |= 1UL << (asid % 64);
        return (_generation << 8) | (uint)asid;
    }

    private void Rollover()
    {
        _generation++;
        Rollovers++;
        for (int i = 0; i < _used.Length; i++)
        {
            _used[i] = 0;
        }
        _used[0] = 1;
        for (int core = 0; core < _active.Length; core++)
        {
            _reserved[core] = _active[core];
            if (_active[core] != 0)
            {
                uint asid = (uint)(_active[core] & 0xFF);
                _used[asid / 64] |= 1UL << (int)(asid % 64);
            }
            _flushPending[core] = true;
        }
    }

    private int FindFree()
    {
        for (int word = 0; word < _used.Length; word++)
        {
            ulong free = ~_used[word];
            if (free != 0)
            {
                return word * 64 + BitOperations.TrailingZeroCount(free);
            }
        }
        return -1;
    }
}
