// mutex_control: blocking and waking the contenders of userspace mutexes, keyed by physical address.
using ThreadState = Codezero.Kernel.Threads.ThreadState;
using Volatile = System.Threading.Volatile;
using Thread = System.Threading.Thread;
using Codezero.Caps;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Sync;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// Only contended mutexes have kernel state: a queue, found through a hash of the word's physical
/// address, taken from a fixed pool when its first waiter arrives and returned when its last leaves.
/// LOCK compares the word with the value the caller saw and sleeps in the same step, under the kernel
/// lock, so an UNLOCK that comes between the caller's failed LDREX/STREX and its LOCK is never lost.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private const uint MutexLock = 0;
    private const uint MutexUnlock = 1;
    private const int MutexBuckets = 64;

    private KernelPool<MutexQueue> _mutexes = null!;
    private int* _mutexBuckets;

    private void InitialiseMutexes(int capacity)
    {
        _mutexes = new KernelPool<MutexQueue>(_region, capacity);
        _mutexBuckets = (int*)_region.Host(_region.Carve(MutexBuckets * sizeof(int)));
        for (int i = 0; i < MutexBuckets; i++)
        {
            _mutexBuckets[i] = 0;
        }
    }

    /// <summary>Mutexes with waiters now.</summary>
    public int ContendedMutexes => _mutexes.Count;

    private int MutexControl(Tcb* t, uint address, uint op, uint expected)
    {
        if ((address & 3) != 0 || op > MutexUnlock)
        {
            return -Errno.EINVAL;
        }
        int authority = Authority.Mutex(_caps, SubjectOf(t), op == MutexLock ? CapRights.Mutex.Lock : CapRights.Mutex.Unlock);
        if (authority != 0)
        {
            return authority;
        }
        if (!UserPageTables.TryLookup(_memory, SpaceOf(t)->L1, address, out uint physical, out MapFlags flags))
        {
            return -Errno.EFAULT;
        }
        if ((flags & MapFlags.Device) != 0)
        {
            return -Errno.EINVAL;
        }
        if (op == MutexLock)
        {
            uint value = Volatile.Read(ref *(uint*)_memory.HostPointer(physical));
            if (value != expected)
            {
                return -Errno.EAGAIN;
            }
            int queue = FindMutex(physical, create: false);
            if (queue == 0)
            {
                // The first waiter's container pays for the queue, from its Mutexes pool.
                int quota = ConsumeQuota(t, PoolKind.Mutexes, 1, out uint charge);
                if (quota != 0)
                {
                    return quota;
                }
                queue = FindMutex(physical, create: true);
                if (queue == 0)
                {
                    ReturnQuota(ref charge, 1);
                    return -Errno.ENOMEM;
                }
                _mutexes.GetLive(queue)->Charge = charge;
            }
            MutexQueue* q = _mutexes.GetLive(queue);
            SaveCurrent(_core);
            t->State = ThreadState.BlockedMutex;
            QueueAppend(ref q->Head, ref q->Tail, t, queue);
            return NoResult;
        }
        int slot = FindMutex(physical, create: false);
        if (slot == 0)
        {
            return 0;
        }
        MutexQueue* m = _mutexes.GetLive(slot);
        Tcb* waiter = Slot(m->Head);
        QueueRemove(ref m->Head, ref m->Tail, waiter);
        if (m->Head == 0)
        {
            FreeMutex(slot);
        }
        waiter->State = ThreadState.Inactive;
        waiter->Context.R[0] = 0;
        MakeRunnable(waiter);
        return 1;
    }

    private void RemoveMutexWaiter(Tcb* t)
    {
        int slot = t->QueueOwner;
        MutexQueue* m = _mutexes.GetLive(slot);
        QueueRemove(ref m->Head, ref m->Tail, t);
        if (m->Head == 0)
        {
            FreeMutex(slot);
        }
    }

    private static int Bucket(uint physical) => (int)((physical >> 2) * 2654435761u >> 26) & (MutexBuckets - 1);

    private int FindMutex(uint physical, bool create)
    {
        int bucket = Bucket(physical);
        for (int slot = _mutexBuckets[bucket]; slot != 0; slot = _mutexes.GetLive(slot)->NextInBucket)
        {
            if (_mutexes.GetLive(slot)->Physical == physical)
            {
                return slot;
            }
        }
        if (!create || !_mutexes.TryAllocate(out PoolHandle handle))
        {
            return 0;
        }
        MutexQueue* q = _mutexes.Get(handle);
        q->Physical = physical;
        q->NextInBucket = _mutexBuckets[bucket];
        _mutexBuckets[bucket] = handle.Index;
        return handle.Index;
    }

    private void FreeMutex(int slot)
    {
        MutexQueue* q = _mutexes.GetLive(slot);
        ReturnQuota(ref q->Charge, 1);
        int bucket = Bucket(q->Physical);
        if (_mutexBuckets[bucket] == slot)
        {
            _mutexBuckets[bucket] = q->NextInBucket;
        }
        else
        {
            for (int s = _mutexBuckets[bucket]; s != 0; s = _mutexes.GetLive(s)->NextInBucket)
            {
                MutexQueue* p = _mutexes.GetLive(s);
                if (p->NextInBucket == slot)
                {
                    p->NextInBucket = q->NextInBucket;
                    break;
                }
            }
        }
        _mutexes.Free(new PoolHandle(slot, _mutexes.GenerationOf(slot)));
    }
}
