// The ipc flags word (r2): the tier, and for the extended tier the buffer's message register and size (docs/ipc.md).
namespace Codezero.Kernel.Abi;

/// <summary>
/// Bits 0-1 the tier; for <see cref="Extended"/> also bits 4-11 the index (0-5) of the message register
/// holding the buffer address and bits 16-27 the size in bytes (0-2048). Every other bit must be 0.
/// After a receive the kernel writes the same layout back into r2 to say what arrived.
/// </summary>
public static class IpcFlags
{
    public const uint Short = 0;
    public const uint Full = 1;
    public const uint Extended = 2;
    public const uint TierMask = 3;
    public const int IndexShift = 4;
    public const uint IndexMask = 0xFF0;
    public const int SizeShift = 16;
    public const uint SizeMask = 0x0FFF_0000;

    /// <summary>The largest extended transfer, in bytes.</summary>
    public const int ExtendedMax = 2048;

    public static uint Tier(uint flags) => flags & TierMask;

    public static int Index(uint flags) => (int)((flags & IndexMask) >> IndexShift);

    public static int Size(uint flags) => (int)((flags & SizeMask) >> SizeShift);

    /// <summary>The flags word a receiver gets back for a transfer of <paramref name="tier"/> (and bytes, for extended).</summary>
    public static uint Received(uint tier, int bytes) => tier | ((uint)bytes << SizeShift);

    /// <summary>True when the word is well formed (the decode step's check; -EINVAL otherwise).</summary>
    public static bool Valid(uint flags)
    {
        uint tier = flags & TierMask;
        if (tier == 3 || (flags & ~(TierMask | IndexMask | SizeMask)) != 0)
        {
            return false;
        }
        if (tier != Extended)
        {
            return (flags & (IndexMask | SizeMask)) == 0;
        }
        return Index(flags) < 6 && Size(flags) <= ExtendedMax;
    }
}
