// The kernel side of one contended userspace mutex: its physical address and its waiting threads.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Sync;

[StructLayout(LayoutKind.Sequential)]
public struct MutexQueue
{
    /// <summary>Reserved: the pool chains free slots through the first word.</summary>
    public int PoolLink;

    /// <summary>The Mutexes quantity cap this queue is charged to (its first waiter's).</summary>
    public uint Charge;

    /// <summary>Physical address of the mutex word: the key, shared by every space that maps it.</summary>
    public uint Physical;

    /// <summary>Waiting threads, first come first woken.</summary>
    public int Head, Tail;

    /// <summary>Next queue in the same hash bucket.</summary>
    public int NextInBucket;
}
