// GET_CMDLINE, HEAPINFO, CLOCK/ELAPSED/TICKFREQ, ISERROR, ERRNO and the refused operations.
using System.Text;
using Codezero.Hal.ArmCortexA9.Semihosting;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

public sealed class SemihostInfoTests
{
    private const uint Failed = 0xFFFF_FFFF;

    [Fact]
    public void GetCmdline_WritesTheLineAndItsLength()
    {
        using var h = new SemihostHarness(commandLine: "prog.elf alpha -7");
        uint buffer = SemihostHarness.DataBase + 0x100;
        uint block = h.Block(SemihostHarness.DataBase, buffer, 64);

        Assert.Equal(0u, h.Call(0x15, block));

        Assert.Equal(17u, h.ReadWord(block + 4));
        Assert.Equal("prog.elf alpha -7\0", Encoding.ASCII.GetString(h.ReadBytes(buffer, 18)));
    }

    [Fact]
    public void GetCmdline_BufferWithoutRoomForTheNul_FailsWithE2bigAndWritesNothing()
    {
        using var h = new SemihostHarness(commandLine: "prog.elf");
        uint buffer = SemihostHarness.DataBase + 0x100;
        h.WriteWord(buffer, 0x5555_5555);
        uint block = h.Block(SemihostHarness.DataBase, buffer, 8);

        Assert.Equal(Failed, h.Call(0x15, block));

        Assert.Equal(SemihostErrno.ArgumentList, h.Errno());
        Assert.Equal(8u, h.ReadWord(block + 4));
        Assert.Equal(0x5555_5555u, h.ReadWord(buffer));
    }

    [Fact]
    public void HeapInfo_WithNothingLoaded_ReportsAllOfRam()
    {
        using var h = new SemihostHarness();
        uint words = SemihostHarness.DataBase + 0x100;

        Assert.Equal(0u, h.Call(0x16, h.Block(SemihostHarness.DataBase, words)));

        Assert.Equal(0x6000_0000u, h.ReadWord(words));
        Assert.Equal(0x6100_0000u, h.ReadWord(words + 4));
        Assert.Equal(0x6100_0000u, h.ReadWord(words + 8));
        Assert.Equal(0x6000_0000u, h.ReadWord(words + 12));
    }

    [Fact]
    public void HeapInfo_ReportsWhatTheBootLoaderSet()
    {
        using var h = new SemihostHarness();
        h.Board.Semihosting.HeapInfo = new SemihostHeapInfo(0x6001_DBE0, 0x6800_0000, 0x6800_0000, 0x6001_DBE0);
        uint words = SemihostHarness.DataBase + 0x100;

        h.Call(0x16, h.Block(SemihostHarness.DataBase, words));

        Assert.Equal(0x6001_DBE0u, h.ReadWord(words));
        Assert.Equal(0x6800_0000u, h.ReadWord(words + 8));
    }

    [Fact]
    public void Clock_IsCentisecondsOfEmulatedTime()
    {
        using var h = new SemihostHarness();
        h.Core.Cycles = 250_000_000; // 2.5 s at 100 MHz

        Assert.Equal(250u, h.Call(0x10, 0));
    }

    [Fact]
    public void ElapsedAndTickFreq_CountCyclesAt100MHz()
    {
        using var h = new SemihostHarness();
        h.Core.Cycles = 0x1_2345_6789;
        uint block = SemihostHarness.DataBase;

        Assert.Equal(0u, h.Call(0x30, block));

        Assert.Equal(0x2345_6789u, h.ReadWord(block));
        Assert.Equal(1u, h.ReadWord(block + 4));
        Assert.Equal(100_000_000u, h.Call(0x31, 0));
    }

    [Fact]
    public void IsError_IsOneForNegativeValues()
    {
        using var h = new SemihostHarness();
        Assert.Equal(1u, h.Call(0x08, h.Block(SemihostHarness.DataBase, Failed)));
        Assert.Equal(0u, h.Call(0x08, h.Block(SemihostHarness.DataBase, 5)));
    }

    [Fact]
    public void System_IsRefused()
    {
        using var h = new SemihostHarness();
        uint command = h.String(SemihostHarness.DataBase + 0x100, "touch /tmp/pwned");
        Assert.Equal(Failed, h.Call(0x12, h.Block(SemihostHarness.DataBase, command, 16)));
        Assert.Equal(SemihostErrno.Access, h.Errno());
    }

    [Fact]
    public void TmpNam_IsRefused()
    {
        using var h = new SemihostHarness();
        Assert.Equal(Failed, h.Call(0x0D, h.Block(SemihostHarness.DataBase, SemihostHarness.DataBase + 0x100, 1, 64)));
    }

    [Fact]
    public void UnknownOperation_ReturnsMinusOne()
    {
        using var h = new SemihostHarness();
        Assert.Equal(Failed, h.Call(0x99, 0));
        Assert.Equal(SemihostErrno.Invalid, h.Errno());
    }

    [Fact]
    public void CallCount_CountsEachOperation()
    {
        using var h = new SemihostHarness();
        h.Call(0x10, 0);
        h.Call(0x10, 0);
        Assert.Equal(2, h.Board.Semihosting.CallCount(SemihostOperation.Clock));
    }
}
