// One core's run queue: a FIFO per priority, threads linked by index, the non-empty priorities in a bitmap.
using System.Diagnostics;
using System.Numerics;
using Codezero.Kernel.Memory;

namespace Codezero.Kernel.Sched;

/// <summary>
/// Runnable threads of one core, by priority (0 lowest, 31 highest). Each priority is a FIFO list
/// threaded through link arrays indexed by the thread's pool index, so enqueue, dequeue, removal from
/// the middle (a thread suspended while runnable) and the round-robin rotation at the end of a time
/// slice are all O(1), and finding the highest runnable priority is one LeadingZeroCount on a 32-bit
/// mask. The link arrays are carved from the kernel region at boot: nothing here allocates afterwards.
/// </summary>
public sealed unsafe class RunQueue
{
    public const int Priorities = 32;

    private readonly int _capacity;
    private readonly int* _next;
    private readonly int* _prev;
    private readonly sbyte* _priority; // -1 when the thread is not queued here
    private readonly int* _head;
    private readonly int* _tail;
    private uint _nonEmpty;

    /// <summary>A queue for threads whose pool indices run from 1 to <paramref name="capacity"/>.</summary>
    public RunQueue(KernelRegion region, int capacity)
    {
        _capacity = capacity;
        uint slots = (uint)(capacity + 1);
        _next = (int*)region.Host(region.Carve(slots * sizeof(int)));
        _prev = (int*)region.Host(region.Carve(slots * sizeof(int)));
        _priority = (sbyte*)region.Host(region.Carve(slots));
        _head = (int*)region.Host(region.Carve(Priorities * sizeof(int)));
        _tail = (int*)region.Host(region.Carve(Priorities * sizeof(int)));
        for (int i = 0; i <= capacity; i++)
        {
            _priority[i] = -1;
        }
    }

    /// <summary>Threads queued.</summary>
    public int Count { get; private set; }

    /// <summary>Bit p set when some thread of priority p is queued.</summary>
    public uint NonEmptyMask => _nonEmpty;

    /// <summary>The highest priority with a queued thread, or -1 when the queue is empty.</summary>
    public int HighestPriority => _nonEmpty == 0 ? -1 : 31 - BitOperations.LeadingZeroCount(_nonEmpty);

    /// <summary>True when thread <paramref name="index"/> is queued here.</summary>
    public bool Contains(int index) => (uint)(index - 1) < (uint)_capacity && _priority[index] >= 0;

    /// <summary>Queues a thread at the back of its priority (it has used its slice, or just became runnable).</summary>
    public bool EnqueueBack(int index, int priority) => Insert(index, priority, atFront: false);

    /// <summary>Queues a thread at the front of its priority (it was preempted with slice left, and runs next).</summary>
    public bool EnqueueFront(int index, int priority) => Insert(index, priority, atFront: true);

    /// <summary>The first thread of the highest non-empty priority, without removing it; 0 when empty.</summary>
    public int PeekHighest() => _nonEmpty == 0 ? 0 : _head[HighestPriority];

    /// <summary>The first thread queued at <paramref name="priority"/> (0: none); with <see cref="NextOf"/>, a walk in order.</summary>
    public int Head(int priority) => (uint)priority < Priorities ? _head[priority] : 0;

    /// <summary>The thread queued after <paramref name="index"/> at the same priority (0: none).</summary>
    public int NextOf(int index) => Contains(index) ? _next[index] : 0;

    /// <summary>Removes and returns the first thread of the highest non-empty priority; 0 when empty.</summary>
    public int DequeueHighest()
    {
        int index = PeekHighest();
        if (index != 0)
        {
            Remove(index);
        }
        return index;
    }

    /// <summary>Takes a queued thread out wherever it is (suspend, destroy, migration). False when it is not queued.</summary>
    public bool Remove(int index)
    {
        if (!Contains(index))
        {
            return false;
        }
        int p = _priority[index];
        int next = _next[index];
        int prev = _prev[index];
        if (prev != 0) { _next[prev] = next; } else { _head[p] = next; }
        if (next != 0) { _prev[next] = prev; } else { _tail[p] = prev; }
        if (_head[p] == 0)
        {
            _nonEmpty &= ~(1u << p);
        }
        _priority[index] = -1;
        Count--;
        return true;
    }

    /// <summary>Round robin: the first thread of <paramref name="priority"/> goes to the back of it.</summary>
    public void Rotate(int priority)
    {
        if ((uint)priority < Priorities && _head[priority] != 0 && _head[priority] != _tail[priority])
        {
            int first = _head[priority];
            Remove(first);
            Insert(first, priority, atFront: false);
        }
    }

    private bool Insert(int index, int priority, bool atFront)
    {
        if ((uint)(index - 1) >= (uint)_capacity || (uint)priority >= Priorities || _priority[index] >= 0)
        {
            return false; // not a thread of this pool, not a priority, or already queued
        }
        _priority[index] = (sbyte)priority;
        if (_head[priority] == 0)
        {
            _head[priority] = _tail[priority] = index;
            _next[index] = _prev[index] = 0;
        }
        else if (atFront)
        {
            _next[index] = _head[priority];
            _prev[index] = 0;
            _prev[_head[priority]] = index;
            _head[priority] = index;
        }
        else
        {
            _prev[index] = _tail[priority];
            _next[index] = 0;
            _next[_tail[priority]] = index;
            _tail[priority] = index;
        }
        _nonEmpty |= 1u << priority;
        Count++;
        Debug.Assert(Count <= _capacity, "a thread is queued at most once");
        return true;
    }
}
