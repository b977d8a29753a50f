// Decoded-instruction cache per physical RAM page, kept coherent with writes to code.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Hal.ArmCortexA9.Memory;

/// <summary>
/// Each RAM page that has been executed from gets a decoded copy: 1024 entries of handler + word in ARM
/// state, 2048 (one per halfword) in Thumb state, decoded once when the page is first fetched in that state. Pages come from a pool allocated at boot; when it
/// runs out, the whole cache is dropped and refilled on demand (as QEMU flushes its translation cache).
/// A write to a page that has a decoded copy re-decodes the words written, so self-modifying code
/// sees its new instructions at once; such pages get no write entries in the soft TLBs.
/// </summary>
public sealed unsafe class CodeCache : IDisposable
{
    public const int InsnsPerPage = 1024;
    public const int ThumbInsnsPerPage = 2048;

    private readonly PhysicalMemoryMap _memory;
    private readonly DecodedInsn** _pageMap;
    private readonly DecodedInsn** _thumbPageMap;
    private readonly DecodedInsn* _pool;
    private readonly int _poolPages;
    private int _nextFree;
    private readonly Action _flushAllCores;
    private SpinLock _lock = new(enableThreadOwnerTracking: false); // guards _pageMap, _nextFree and the pool

    /// <summary>Number of times the pool was exhausted and everything was dropped.</summary>
    public long FullFlushes { get; private set; }

    /// <summary>Pages decoded since boot.</summary>
    public long PagesDecoded { get; private set; }

    internal CodeCache(PhysicalMemoryMap memory, int poolPages, Action flushAllCores)
    {
        _memory = memory;
        _poolPages = poolPages;
        _flushAllCores = flushAllCores;
        nuint mapBytes = memory.RamPages * (nuint)sizeof(DecodedInsn*);
        _pageMap = (DecodedInsn**)NativeMemory.AllocZeroed(mapBytes);
        _thumbPageMap = (DecodedInsn**)NativeMemory.AllocZeroed(mapBytes);
        _pool = (DecodedInsn*)NativeMemory.AlignedAlloc((nuint)poolPages * InsnsPerPage * (nuint)sizeof(DecodedInsn), 64);
    }

    /// <summary>True when RAM page <paramref name="ramPage"/> has a decoded copy (ARM or Thumb).</summary>
    public bool IsCode(uint ramPage) => _pageMap[ramPage] != null || _thumbPageMap[ramPage] != null;

    /// <summary>The decoded copy of a RAM page, decoding it now if needed. May drop the whole cache first.</summary>
    public DecodedInsn* GetPage(uint ramPage) => GetOrDecode(ramPage, thumb: false);

    /// <summary>The Thumb-state decoded copy of a RAM page (2048 entries), decoding it now if needed.</summary>
    public DecodedInsn* GetThumbPage(uint ramPage) => GetOrDecode(ramPage, thumb: true);

    private DecodedInsn* GetOrDecode(uint ramPage, bool thumb)
    {
        DecodedInsn** map = thumb ? _thumbPageMap : _pageMap;
        var page = (DecodedInsn*)Volatile.Read(ref *(nint*)(map + ramPage));
        if (page != null)
        {
            return page;
        }
        bool taken = false;
        _lock.Enter(ref taken);
        page = map[ramPage];
        if (page == null)
        {
            page = thumb ? DecodeThumbLocked(ramPage) : DecodeLocked(ramPage);
        }
        _lock.Exit(useMemoryBarrier: true);
        return page;
    }

    private DecodedInsn* DecodeThumbLocked(uint ramPage)
    {
        if (_nextFree + 2 > _poolPages)
        {
            DropAllLocked();
        }
        DecodedInsn* page = _pool + (nuint)_nextFree * InsnsPerPage;
        _nextFree += 2;
        ushort* halfwords = (ushort*)(_memory.Ram + ((nuint)ramPage << 12));
        for (int i = 0; i < ThumbInsnsPerPage; i++)
        {
            DecodeThumbEntry(page + i, halfwords, i);
        }
        Volatile.Write(ref *(nint*)(_thumbPageMap + ramPage), (nint)page);
        PagesDecoded++;
        return page;
    }

    /// <summary>Decodes the Thumb instruction starting at halfword <paramref name="i"/> of a page.</summary>
    private static void DecodeThumbEntry(DecodedInsn* entry, ushort* halfwords, int i)
    {
        uint hw1 = halfwords[i];
        LoweredInsn insn;
        uint length;
        if (!ThumbDecoder.Is32BitPrefix(hw1))
        {
            insn = ThumbDecoder.Decode16(hw1, inItBlock: false);
            length = ThumbDecoder.IsItSensitive16(hw1) ? 2 | ThumbDecoder.ItSensitiveFlag : 2;
        }
        else if (i == ThumbInsnsPerPage - 1)
        {
            insn = new LoweredInsn(&ThumbDecoder.CrossPage32, hw1);
            length = 4;
        }
        else
        {
            insn = ThumbDecoder.Decode32((hw1 << 16) | halfwords[i + 1]);
            length = 4;
        }
        entry->Handler = insn.Handler;
        entry->Raw = insn.Raw;
        entry->Reserved = length | (hw1 << 16);
    }

    private DecodedInsn* DecodeLocked(uint ramPage)
    {
        if (_nextFree == _poolPages)
        {
            DropAllLocked();
        }
        DecodedInsn* page = _pool + (nuint)_nextFree * InsnsPerPage;
        _nextFree++;
        uint* words = (uint*)(_memory.Ram + ((nuint)ramPage << 12));
        for (int i = 0; i < InsnsPerPage; i++)
        {
            uint raw = words[i];
            page[i].Raw = raw;
            page[i].Handler = A32Decoder.Decode(raw);
        }
        Volatile.Write(ref *(nint*)(_pageMap + ramPage), (nint)page);
        PagesDecoded++;
        return page;
    }

    /// <summary>Called after RAM bytes [ramOffset, ramOffset+size) were written: re-decodes affected words.</summary>
    public void OnWrite(uint ramOffset, int size)
    {
        bool taken = false;
        _lock.Enter(ref taken);
        uint first = ramOffset >> 2;
        uint last = (ramOffset + (uint)size - 1) >> 2;
        for (uint word = first; word <= last; word++)
        {
            DecodedInsn* page = _pageMap[word >> 10];
            if (page != null)
            {
                uint raw = ((uint*)_memory.Ram)[word];
                DecodedInsn* entry = page + (word & 1023);
                entry->Handler = A32Decoder.Decode(raw);
                entry->Raw = raw;
            }
        }
        // Thumb entries: the halfwords written, and the one before them (a T32 encoding ending there).
        uint firstHalf = ramOffset >> 1;
        uint lastHalf = (ramOffset + (uint)size - 1) >> 1;
        for (uint half = firstHalf == 0 ? 0 : firstHalf - 1; half <= lastHalf; half++)
        {
            DecodedInsn* page = _thumbPageMap[half >> 11];
            if (page != null)
            {
                int i = (int)(half & 2047);
                DecodeThumbEntry(page + i, (ushort*)(_memory.Ram + ((nuint)(half >> 11) << 12)), i);
            }
        }
        _lock.Exit(useMemoryBarrier: true);
    }

    /// <summary>Drops every decoded page (pool exhausted, or a test asks).</summary>
    public void DropAll()
    {
        bool taken = false;
        _lock.Enter(ref taken);
        DropAllLocked();
        _lock.Exit(useMemoryBarrier: true);
    }

    /// <remarks>
    /// In parallel mode another core may still be executing from a dropped page until its next block
    /// boundary (its fetch TLB is flushed and its block stopped); the pool is sized so that this happens
    /// only for guests with more than 4 MiB of hot code.
    /// </remarks>
    private void DropAllLocked()
    {
        NativeMemory.Clear(_pageMap, _memory.RamPages * (nuint)sizeof(DecodedInsn*));
        NativeMemory.Clear(_thumbPageMap, _memory.RamPages * (nuint)sizeof(DecodedInsn*));
        _nextFree = 0;
        FullFlushes++;
        _flushAllCores();
    }

    public void Dispose()
    {
        NativeMemory.Free(_pageMap);
        NativeMemory.Free(_thumbPageMap);
        NativeMemory.AlignedFree(_pool);
    }
}
