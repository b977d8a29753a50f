// The exclusive monitors: this core's local monitor and the cluster-wide check STREX makes.
using System.Threading;

namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>
/// LDREX marks an address and remembers the value it read; STREX succeeds only if the local monitor
/// still holds that address and size and memory still holds that value, and then it stores with one
/// atomic compare-and-swap on the host. Any other core's store that changed the word in between makes
/// it fail, which is the global monitor's job, and the check and the store cannot be split by a core
/// running on another host thread. A store that writes back the very same value is not detected
/// (as in QEMU); the architecture allows a monitor to be that coarse only in theory, and no lock or
/// counter written with LDREX/STREX depends on it.
/// </summary>
public sealed unsafe partial class ArmCore
{
    private uint _exclusiveAddress;
    private int _exclusiveSize;
    private ulong _exclusiveValue;

    /// <summary>Marks an address for exclusive access (LDREX family) with the value that was read.</summary>
    public void MarkExclusive(uint address, int size, ulong value)
    {
        _exclusiveAddress = address;
        _exclusiveSize = size;
        _exclusiveValue = value;
    }

    /// <summary>CLREX, and what every exception entry does to the local monitor.</summary>
    public void ClearExclusive() => _exclusiveSize = 0;

    /// <summary>
    /// STREX: stores <paramref name="value"/> if the monitors allow it. Returns false only when a data
    /// abort was taken; <paramref name="stored"/> tells whether the store happened. Clears the local monitor.
    /// </summary>
    public bool StoreExclusive(uint address, int size, ulong value, out bool stored)
    {
        stored = false;
        bool marked = _exclusiveSize == size && _exclusiveAddress == address;
        _exclusiveSize = 0;
        if (!Translate(address, AccessKind.Write, IsUserMode, out uint pa, out uint fault))
        {
            DataAbort(address, fault & 0x1F, write: true, fault >> 8);
            return false;
        }
        if (!marked)
        {
            return true;
        }
        long offset = Board.Memory.RamOffset(pa);
        if (offset < 0 || (Control & Psr.E) != 0)
        {
            // Devices and big-endian data: no other observer to race with on this path; a plain store,
            // which returns false only after taking a data abort.
            stored = size == 8
                ? WriteSlow(address, 4, AccessFlags.Aligned, (uint)value) && WriteSlow(address + 4, 4, AccessFlags.Aligned, (uint)(value >> 32))
                : WriteSlow(address, size, AccessFlags.Aligned, (uint)value);
            return stored;
        }
        byte* host = Board.Memory.Ram + offset;
        stored = size switch
        {
            8 => Interlocked.CompareExchange(ref *(long*)host, (long)value, (long)_exclusiveValue) == (long)_exclusiveValue,
            4 => Interlocked.CompareExchange(ref *(int*)host, (int)value, (int)_exclusiveValue) == (int)_exclusiveValue,
            _ => CompareExchangeNarrow(host, size, (uint)value, (uint)_exclusiveValue),
        };
        if (stored && Board.Code.IsCode((uint)(offset >> 12)))
        {
            Board.Code.OnWrite((uint)offset, size);
        }
        return true;
    }

    /// <summary>A byte or halfword compare-and-swap done on its aligned containing word.</summary>
    private static bool CompareExchangeNarrow(byte* host, int size, uint value, uint expected)
    {
        int* word = (int*)((nuint)host & ~(nuint)3);
        int shift = (int)((nuint)host & 3) * 8;
        uint mask = (size == 1 ? 0xFFu : 0xFFFFu) << shift;
        while (true)
        {
            int old = Volatile.Read(ref *word);
            if ((((uint)old & mask) >> shift) != expected)
            {
                return false;
            }
            int updated = (int)(((uint)old & ~mask) | ((value << shift) & mask));
            if (Interlocked.CompareExchange(ref *word, updated, old) == old)
            {
                return true;
            }
        }
    }
}
