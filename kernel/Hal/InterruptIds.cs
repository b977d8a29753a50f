// The interrupt ids the kernel uses: its two SGIs and the private timer's PPI.
namespace Codezero.Kernel.Hal;

public static class InterruptIds
{
    /// <summary>SGI: reschedule (a thread became runnable or must stop on the target core).</summary>
    public const int Reschedule = 0;

    /// <summary>SGI: TLB shootdown (the target applies pending maintenance at its next block boundary).</summary>
    public const int TlbShootdown = 1;

    /// <summary>PPI of each core's private timer, the time-slice clock.</summary>
    public const int SliceTimer = 29;

    public const uint Spurious = 1023;
}
