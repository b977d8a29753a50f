// A core's run queue: highest priority first, FIFO within a priority, removal anywhere, round robin.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Memory;
using Codezero.Kernel.Sched;
using Xunit;

namespace Codezero.Tests.Kernel.Sched;

public sealed class RunQueueTests : IDisposable
{
    private readonly Board _board = new(new BoardOptions { RamSize = 16u << 20 });
    private readonly RunQueue _queue;

    public RunQueueTests() => _queue = new RunQueue(new KernelRegion(_board.Memory, 0x6080_0000, 0x1_0000), capacity: 8);

    public void Dispose() => _board.Dispose();

    [Fact]
    public void Dequeue_TakesTheHighestPriorityFirst_AndFifoWithinAPriority()
    {
        Assert.True(_queue.EnqueueBack(1, 5));
        Assert.True(_queue.EnqueueBack(2, 20));
        Assert.True(_queue.EnqueueBack(3, 5));
        Assert.True(_queue.EnqueueBack(4, 20));
        Assert.Equal(20, _queue.HighestPriority);
        Assert.Equal(new[] { 2, 4, 1, 3 }, new[] { _queue.DequeueHighest(), _queue.DequeueHighest(), _queue.DequeueHighest(), _queue.DequeueHighest() });
        Assert.Equal(0, _queue.DequeueHighest());
        Assert.Equal(-1, _queue.HighestPriority);
        Assert.Equal(0u, _queue.NonEmptyMask);
    }

    [Fact]
    public void EnqueueFront_RunsAPreemptedThreadBeforeItsPeers()
    {
        _queue.EnqueueBack(1, 7);
        _queue.EnqueueBack(2, 7);
        _queue.EnqueueFront(3, 7);
        Assert.Equal(3, _queue.PeekHighest());
    }

    [Fact]
    public void Remove_FromTheMiddle_KeepsTheOthersInOrder_AndClearsEmptyPriorities()
    {
        _queue.EnqueueBack(1, 3);
        _queue.EnqueueBack(2, 3);
        _queue.EnqueueBack(3, 3);
        _queue.EnqueueBack(4, 9);
        Assert.True(_queue.Remove(2));
        Assert.True(_queue.Remove(4));
        Assert.False(_queue.Remove(4));           // not queued any more
        Assert.Equal(1u << 3, _queue.NonEmptyMask);
        Assert.Equal(1, _queue.DequeueHighest());
        Assert.Equal(3, _queue.DequeueHighest());
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Rotate_MovesTheFirstThreadToTheBackOfItsPriority()
    {
        _queue.EnqueueBack(1, 4);
        _queue.EnqueueBack(2, 4);
        _queue.EnqueueBack(3, 4);
        _queue.Rotate(4);
        Assert.Equal(2, _queue.DequeueHighest());
        Assert.Equal(3, _queue.DequeueHighest());
        Assert.Equal(1, _queue.DequeueHighest());
        _queue.Rotate(4);                         // empty priority: nothing happens
        _queue.Rotate(99);                        // not a priority: nothing happens
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void Enqueue_Refuses_BadIndices_BadPriorities_AndDoubleQueueing()
    {
        Assert.False(_queue.EnqueueBack(0, 1));   // index 0 is "none"
        Assert.False(_queue.EnqueueBack(9, 1));   // past the pool
        Assert.False(_queue.EnqueueBack(-3, 1));
        Assert.False(_queue.EnqueueBack(1, 32));  // not a priority
        Assert.False(_queue.EnqueueBack(1, -1));
        Assert.True(_queue.EnqueueBack(1, 1));
        Assert.False(_queue.EnqueueBack(1, 2));   // already queued
        Assert.False(_queue.EnqueueFront(1, 1));
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public void QueueOperations_AllocateNothing()
    {
        _queue.EnqueueBack(1, 1);
        _queue.DequeueHighest();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            _queue.EnqueueBack(1 + i % 8, i % 32);
            if (_queue.Count == 8)
            {
                _queue.Rotate(_queue.HighestPriority);
                while (_queue.DequeueHighest() != 0)
                {
                }
            }
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }
}
