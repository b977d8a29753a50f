// The kernel's record of a container: the physical memory it owns, its threads, how it ended.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Containers;

[StructLayout(LayoutKind.Sequential)]
public struct ContainerRecord
{
    /// <summary>Reserved: the pool chains free slots through the first word.</summary>
    public int PoolLink;

    public int Id;

    /// <summary>Physical memory its threads may map: [MemoryBase, MemoryBase + MemorySize).</summary>
    public uint MemoryBase, MemorySize;

    /// <summary>Threads alive (zombies included).</summary>
    public int Threads;

    /// <summary>Threads ever created, faults taken, threads stopped by a fault.</summary>
    public int ThreadsCreated, Faults, ThreadsStopped;

    /// <summary>
    /// Of <see cref="Threads"/>, those created but never started. When every other thread has ended they
    /// are ended too, and the container with them: nothing in it is left to start them.
    /// </summary>
    public int NeverStarted;

    /// <summary>The root thread's exit code (set when it exits), and whether it has.</summary>
    public int ExitCode;
    public bool RootExited;

    public uint RootTid;

    /// <summary>Statistics: emulated cycles its threads ran, IPC rendezvous they sent by tier.</summary>
    public long Cycles, ShortIpcs, FullIpcs, ExtendedIpcs;
}
