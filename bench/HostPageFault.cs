// Host baseline for the page-fault benchmark: Linux drops an anonymous page (madvise) and a write faults a zeroed one back in.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Codezero.Bench;

/// <summary>libc calls for the host page-fault baseline (Linux).</summary>
internal static unsafe partial class LibC
{
    public const int ProtReadWrite = 0x1 | 0x2;
    public const int MapPrivateAnonymous = 0x02 | 0x20;
    public const int MadvDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "mmap")]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    public static partial int Madvise(void* address, nuint length, int advice);
}

/// <summary>
/// One minor page fault of the host, the counterpart of a fault served by a pager: madvise(MADV_DONTNEED)
/// drops the page of a private anonymous mapping (the unmap), and the next write faults and the kernel
/// maps a zeroed page (the fault and the map). Measured in the same run as ours; one page, so no
/// allocation after set-up.
/// </summary>
public sealed unsafe class HostPageFault : IDisposable
{
    private const int PageSize = 4096;
    private byte* _page;

    public HostPageFault()
    {
        void* p = LibC.Mmap(null, PageSize, LibC.ProtReadWrite, LibC.MapPrivateAnonymous, -1, 0);
        if (p == (void*)-1)
        {
            throw new InvalidOperationException("mmap() failed: " + Marshal.GetLastPInvokeErrorMessage());
        }
        _page = (byte*)p;
        Fault();
    }

    /// <summary>Drops the page, then writes to it: one fault.</summary>
    public void Fault()
    {
        if (LibC.Madvise(_page, PageSize, LibC.MadvDontNeed) != 0)
        {
            throw new InvalidOperationException("madvise() failed");
        }
        Volatile.Write(ref *_page, 1);
    }

    public void Dispose()
    {
        if (_page != null)
        {
            LibC.Munmap(_page, PageSize);
            _page = null;
        }
    }
}
