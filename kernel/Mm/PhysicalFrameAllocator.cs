// Physical 4 KiB frames of the kernel's memory pool: a bitmap kept in board RAM, allocation-free after boot.
using System;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Kernel.Mm;

/// <summary>
/// Hands out 4 KiB frames from one physical range. The bitmap (one bit per frame, set = in use) lives
/// in board RAM like every other kernel structure, so the pool's bookkeeping costs board memory and
/// nothing here touches the GC heap after construction.
/// </summary>
public sealed unsafe class PhysicalFrameAllocator
{
    public const uint FrameSize = 4096;

    private readonly PhysicalMemoryMap _memory;
    private readonly ulong* _bitmap;
    private readonly int _words;

    /// <summary>
    /// Manages <paramref name="frameCount"/> frames starting at <paramref name="firstFrame"/>, with the
    /// bitmap at <paramref name="bitmapAddress"/> (<see cref="BitmapBytes"/> bytes of RAM, outside the range).
    /// </summary>
    public PhysicalFrameAllocator(PhysicalMemoryMap memory, uint firstFrame, uint frameCount, uint bitmapAddress)
    {
        if ((firstFrame & (FrameSize - 1)) != 0 || frameCount == 0)
        {
            throw new ArgumentException("the frame range must be page aligned and not empty");
        }
        if (!memory.IsRam(firstFrame, frameCount * FrameSize) || !memory.IsRam(bitmapAddress, BitmapBytes(frameCount)))
        {
            throw new ArgumentException("the frame range and its bitmap must be RAM");
        }
        _memory = memory;
        Base = firstFrame;
        Frames = frameCount;
        _words = (int)((frameCount + 63) / 64);
        _bitmap = (ulong*)memory.HostPointer(bitmapAddress);
        for (int i = 0; i < _words; i++)
        {
            _bitmap[i] = 0;
        }
        uint tail = frameCount % 64;
        if (tail != 0)
        {
            _bitmap[_words - 1] = ~0UL << (int)tail; // bits past the end are permanently "in use"
        }
        FreeFrames = (int)frameCount;
    }

    /// <summary>Bytes of bitmap needed for <paramref name="frameCount"/> frames (whole 64-bit words).</summary>
    public static uint BitmapBytes(uint frameCount) => (frameCount + 63) / 64 * 8;

    /// <summary>Physical address of the first frame managed.</summary>
    public uint Base { get; }

    /// <summary>Frames managed.</summary>
    public uint Frames { get; }

    /// <summary>Frames not allocated.</summary>
    public int FreeFrames { get; private set; }

    /// <summary>Allocates one zeroed frame.</summary>
    public bool TryAllocate(out uint physical) => TryAllocateContiguous(1, 1, out physical);

    /// <summary>
    /// Allocates <paramref name="count"/> zeroed frames in a row whose first frame number is a multiple
    /// of <paramref name="alignFrames"/> (a power of two), e.g. 4 frames aligned to 4 for a 16 KiB L1 table.
    /// </summary>
    public bool TryAllocateContiguous(int count, int alignFrames, out uint physical)
    {
        physical = 0;
        if (count <= 0 || alignFrames <= 0 || !BitOperations.IsPow2(alignFrames) || count > FreeFrames)
        {
            return false;
        }
        // Alignment is of the physical frame number; candidates advance past the first frame in use.
        uint baseFrame = Base / FrameSize;
        uint align = (uint)alignFrames;
        uint start = AlignUp(baseFrame, align) - baseFrame;
        while (start + (uint)count <= Frames)
        {
            if (RangeFree(start, (uint)count, out uint firstUsed))
            {
                SetRange(start, (uint)count, used: true);
                FreeFrames -= count;
                physical = Base + start * FrameSize;
                new Span<byte>(_memory.HostPointer(physical), (int)((uint)count * FrameSize)).Clear();
                return true;
            }
            start = AlignUp(baseFrame + firstUsed + 1, align) - baseFrame;
        }
        return false;
    }

    /// <summary>
    /// Returns frames to the pool. False when the range is not wholly allocated frames of this pool
    /// (a kernel bug the caller asserts on); the pool is then left unchanged.
    /// </summary>
    public bool Free(uint physical, int count = 1)
    {
        uint first = (physical - Base) / FrameSize;
        bool valid = (physical & (FrameSize - 1)) == 0 && physical >= Base && count > 0 && first + (uint)count <= Frames;
        for (uint f = first; valid && f < first + (uint)count; f++)
        {
            valid = (_bitmap[f / 64] & (1UL << (int)(f % 64))) != 0;
        }
        if (!valid)
        {
            return false;
        }
        SetRange(first, (uint)count, used: false);
        FreeFrames += count;
        return true;
    }

    /// <summary>True when frame <paramref name="physical"/> is allocated.</summary>
    public bool IsAllocated(uint physical)
    {
        uint f = (physical - Base) / FrameSize;
        return f < Frames && (_bitmap[f / 64] & (1UL << (int)(f % 64))) != 0;
    }

    private static uint AlignUp(uint value, uint align) => (value + align - 1) & ~(align - 1);

    private bool RangeFree(uint start, uint count, out uint firstUsed)
    {
        for (uint f = start; f < start + count; f++)
        {
            if ((_bitmap[f / 64] & (1UL << (int)(f % 64))) != 0)
            {
                firstUsed = f;
                return false;
            }
        }
        firstUsed = 0;
        return true;
    }

    private void SetRange(uint start, uint count, bool used)
    {
        for (uint f = start; f < start + count; f++)
        {
            if (used)
            {
                _bitmap[f / 64] |= 1UL << (int)(f % 64);
            }
            else
            {
                _bitmap[f / 64] &= ~(1UL << (int)(f % 64));
            }
        }
    }
}
