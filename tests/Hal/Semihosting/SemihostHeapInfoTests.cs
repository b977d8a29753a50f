// SemihostHeapInfo.ForLoadedImage: QEMU's "largest gap between loaded blobs" rule.
using Codezero.Hal.ArmCortexA9.Semihosting;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

public sealed class SemihostHeapInfoTests
{
    private const uint Ram = 0x6000_0000;
    private const uint Size = 128u << 20;

    [Fact]
    public void NewlibImage_HeapStartsAtEndOfBss()
    {
        // The segments of a guests/ program (text at 0x60010000, data+bss ending at 0x6001DBE0),
        // for which qemu-system-arm -m 128M answered {0x6001dbe0, 0x68000000, 0x68000000, 0x6001dbe0}.
        var info = SemihostHeapInfo.ForLoadedImage(Ram, Size, [(0x6001_0000, 0xC754), (0x6001_D000, 0xBE0)]);
        Assert.Equal(new SemihostHeapInfo(0x6001_DBE0, 0x6800_0000, 0x6800_0000, 0x6001_DBE0), info);
    }

    [Fact]
    public void NothingLoaded_IsAllOfRam()
    {
        var info = SemihostHeapInfo.ForLoadedImage(Ram, Size, []);
        Assert.Equal(new SemihostHeapInfo(Ram, Ram + Size, Ram + Size, Ram), info);
    }

    [Fact]
    public void ImageInTheUpperHalf_HeapIsTheGapBelowIt()
    {
        var info = SemihostHeapInfo.ForLoadedImage(Ram, Size, [(0x6600_0000, 0x1000)]);
        Assert.Equal(new SemihostHeapInfo(Ram, 0x6600_0000, 0x6600_0000, Ram), info);
    }

    [Fact]
    public void EqualGaps_TheLowestWins()
    {
        var info = SemihostHeapInfo.ForLoadedImage(Ram, 0x3000, [(Ram + 0x1000, 0x1000)]);
        Assert.Equal(Ram, info.HeapBase);
        Assert.Equal(Ram + 0x1000, info.HeapLimit);
    }

    [Fact]
    public void OverlappingSegments_CountAsOneBlob()
    {
        var info = SemihostHeapInfo.ForLoadedImage(Ram, 0x10000, [(Ram, 0x3000), (Ram + 0x1000, 0x1000), (Ram + 0xF000, 0x100)]);
        Assert.Equal(Ram + 0x3000, info.HeapBase);
        Assert.Equal(Ram + 0xF000, info.HeapLimit);
    }

    [Fact]
    public void SegmentsInTheLowAlias_AreIgnored()
    {
        var info = SemihostHeapInfo.ForLoadedImage(Ram, Size, [(0x8000, 0x1000)]);
        Assert.Equal(Ram, info.HeapBase);
    }
}
