// Sizes of the kernel's fixed pools and its scheduling constants, chosen at boot.
namespace Codezero.Kernel;

public sealed class KernelOptions
{
    /// <summary>Thread control blocks (at most 4095, the id format's limit).</summary>
    public int MaxThreads { get; init; } = 256;

    public int MaxSpaces { get; init; } = 64;

    /// <summary>Capabilities in the kernel's table (at most 65535).</summary>
    public int MaxCaps { get; init; } = 1024;

    /// <summary>Containers (at most 127, the id format's limit).</summary>
    public int MaxContainers { get; init; } = 16;

    /// <summary>Mutexes that can have waiters at the same time.</summary>
    public int MaxContendedMutexes { get; init; } = 256;

    /// <summary>Frames for page tables and kernel pages (first-level tables take two).</summary>
    public int PageTableFrames { get; init; } = 1024;

    /// <summary>The round-robin time slice, in cycles (100,000 = 1 ms at 100 MHz).</summary>
    public long SliceCycles { get; init; } = 100_000;

    /// <summary>Priority of root threads (0 lowest, 31 highest).</summary>
    public int RootPriority { get; init; } = 16;

    /// <summary>Physical memory each booted program's container owns (its image, stack, UTCBs and free memory).</summary>
    public uint ContainerMemory { get; init; } = 8u << 20;

    /// <summary>
    /// Take short same-core calls and reply-and-waits through the IPC fast path (docs/ipc.md). Off, every
    /// IPC takes the slow path; a run is bit-for-bit the same either way (a test checks it).
    /// </summary>
    public bool IpcFastPath { get; init; } = true;

    /// <summary>Stop the run at the first kernel entry at or after this many cycles on any core (0: no limit).</summary>
    public long MaxCycles { get; init; }

    /// <summary>Print a line on the console for every thread stopped by a fault (tests may turn it off).</summary>
    public bool ReportFaults { get; init; } = true;
}
