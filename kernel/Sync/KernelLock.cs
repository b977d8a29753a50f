// The big kernel lock: one spin lock around every kernel entry, as seL4 does on SMP.
using System.Threading;

namespace Codezero.Kernel.Sync;

/// <summary>
/// Kernel entries are short and never sleep, so one lock around each makes the whole kernel a
/// monitor: no lock ordering, no per-object locks, and per-core run queues still keep cores apart in
/// the common case. Uncontended in deterministic mode. While waiting, the spinning core applies any
/// TLB maintenance another core broadcast to it, so a shootdown never waits on a core that waits for
/// the lock.
/// </summary>
public struct KernelLock
{
    private int _owner; // core index + 1, 0 when free

    public bool TryEnter(int core) => Interlocked.CompareExchange(ref _owner, core + 1, 0) == 0;

    public void Exit() => Volatile.Write(ref _owner, 0);

    public bool HeldBy(int core) => Volatile.Read(ref _owner) == core + 1;
}
