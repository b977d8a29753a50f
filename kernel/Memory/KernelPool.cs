// A fixed pool of one kind of kernel object in board RAM, addressed by typed index, with an intrusive free list.
using System.Runtime.CompilerServices;

namespace Codezero.Kernel.Memory;

/// <summary>
/// <paramref name="T"/> objects (plain unmanaged structs) laid out in the kernel region at boot.
/// Free slots are chained through their first four bytes, so allocating and freeing are O(1) and
/// touch no GC memory. Indices start at 1: index 0 is "none" in every handle that refers to a slot.
/// Every slot carries a generation in a parallel array, bumped when the slot is allocated and again
/// when it is freed: odd means live, even means free. A handle is live only while its generation is
/// the slot's, so a stale <see cref="PoolHandle"/> (an id kept after its object died) or a forged one
/// naming a free slot is recognised and refused.
/// </summary>
public sealed unsafe class KernelPool<T> where T : unmanaged
{
    private readonly byte* _slots;
    private readonly uint* _generations;
    private readonly int _stride;
    private int _freeHead;

    public KernelPool(KernelRegion region, int capacity)
    {
        Capacity = capacity;
        _stride = (sizeof(T) + 7) & ~7;
        if (_stride < sizeof(int))
        {
            _stride = sizeof(int);
        }
        _slots = region.Host(region.Carve((uint)(_stride * (capacity + 1)), 64));
        _generations = (uint*)region.Host(region.Carve((uint)(sizeof(uint) * (capacity + 1))));
        for (int i = 1; i <= capacity; i++)
        {
            *(int*)(_slots + i * _stride) = i < capacity ? i + 1 : 0;
            _generations[i] = 0;
        }
        _freeHead = capacity > 0 ? 1 : 0;
    }

    public int Capacity { get; }

    /// <summary>Live objects.</summary>
    public int Count { get; private set; }

    /// <summary>Takes a zeroed slot; false when the pool is full (the caller reports ENOMEM or a quota error).</summary>
    public bool TryAllocate(out PoolHandle handle)
    {
        int index = _freeHead;
        if (index == 0)
        {
            handle = default;
            return false;
        }
        byte* slot = _slots + index * _stride;
        _freeHead = *(int*)slot;
        Unsafe.InitBlock(slot, 0, (uint)_stride);
        Count++;
        uint generation = ++_generations[index];
        handle = new PoolHandle(index, generation);
        return true;
    }

    /// <summary>Returns a live object's slot; false for a stale or foreign handle (nothing changes).</summary>
    public bool Free(PoolHandle handle)
    {
        if (!IsLive(handle))
        {
            return false;
        }
        _generations[handle.Index]++;
        *(int*)(_slots + handle.Index * _stride) = _freeHead;
        _freeHead = handle.Index;
        Count--;
        return true;
    }

    /// <summary>True when the handle names a live object of this pool.</summary>
    public bool IsLive(PoolHandle handle)
        => (uint)(handle.Index - 1) < (uint)Capacity && (handle.Generation & 1) != 0 && _generations[handle.Index] == handle.Generation;

    /// <summary>The object of a live handle, or null for a stale or foreign one.</summary>
    public T* Get(PoolHandle handle) => IsLive(handle) ? (T*)(_slots + handle.Index * _stride) : null;

    /// <summary>The object in slot <paramref name="index"/> if that slot is live, else null (for ids checked elsewhere).</summary>
    public T* GetLive(int index)
        => (uint)(index - 1) < (uint)Capacity && (_generations[index] & 1) != 0 ? (T*)(_slots + index * _stride) : null;

    /// <summary>The current generation of slot <paramref name="index"/> (odd while live).</summary>
    public uint GenerationOf(int index) => (uint)(index - 1) < (uint)Capacity ? _generations[index] : 0;
}
