// Semihosting console output and input: WRITEC, WRITE0, WRITE/READ on ":tt", stderr, bad pointers.
using System;
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9.Semihosting;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

public sealed class SemihostConsoleTests
{
    private const uint Failed = 0xFFFF_FFFF;

    [Fact]
    public void Write0_PrintsTheStringUpToItsNul()
    {
        using var h = new SemihostHarness();
        uint text = h.String(SemihostHarness.DataBase, "hello, board\n");

        h.Call(0x04, text);

        Assert.Equal("hello, board\n", h.Stdout());
        Assert.Equal(SemihostHarness.CodeBase + 4, h.Core.Pc);
    }

    [Fact]
    public void Write0_StringCrossingAPage_IsPrintedWhole()
    {
        using var h = new SemihostHarness();
        uint text = h.String(SemihostHarness.DataBase + 0xFFA, "0123456789abcdef");
        h.Call(0x04, text);
        Assert.Equal("0123456789abcdef", h.Stdout());
    }

    [Fact]
    public void WriteC_PrintsOneCharacter()
    {
        using var h = new SemihostHarness();
        h.WriteWord(SemihostHarness.DataBase, 'Z');
        h.Call(0x03, SemihostHarness.DataBase);
        Assert.Equal("Z", h.Stdout());
    }

    [Fact]
    public void BkptAB_IsASemihostingCallToo()
    {
        using var h = new SemihostHarness(instruction: SemihostHarness.BkptSemihosting);
        h.Call(0x04, h.String(SemihostHarness.DataBase, "via bkpt"));
        Assert.Equal("via bkpt", h.Stdout());
    }

    [Fact]
    public void Write_ToTtOpenedForWriting_GoesToStdoutAndReturnsZeroLeft()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":tt", 4);
        Assert.True(handle > 0);
        uint data = h.String(SemihostHarness.DataBase, "abc\ndef");

        uint left = h.Call(0x05, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, data, 7));

        Assert.Equal(0u, left);
        Assert.Equal("abc\ndef", h.Stdout());
        Assert.Equal("", h.Stderr());
    }

    [Fact]
    public void Write_ToTtOpenedForAppend_GoesToStderr()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":tt", 8);
        uint data = h.String(SemihostHarness.DataBase, "oops\n");

        uint left = h.Call(0x05, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, data, 5));

        Assert.Equal(0u, left);
        Assert.Equal("oops\n", h.Stderr());
        Assert.Equal("", h.Stdout());
    }

    [Fact]
    public void Open_TtHandles_AreNumberedFromOneAsQemuDoes()
    {
        using var h = new SemihostHarness();
        Assert.Equal(1, h.Open(":tt", 0));
        Assert.Equal(2, h.Open(":tt", 4));
        Assert.Equal(3, h.Open(":tt", 8));
    }

    [Fact]
    public void Write_WithBadHandle_ReturnsLengthAndEbadf()
    {
        using var h = new SemihostHarness();
        uint data = h.String(SemihostHarness.DataBase, "x");
        uint left = h.Call(0x05, h.Block(SemihostHarness.DataBase + 0x100, 17, data, 1));
        Assert.Equal(1u, left);
        Assert.Equal(SemihostErrno.BadHandle, h.Errno());
    }

    [Fact]
    public void Write0_FromAnAddressThatIsNotRam_FailsWithEfaultInsteadOfAborting()
    {
        using var h = new SemihostHarness();
        uint result = h.Call(0x04, 0x1000_0000); // the system-register block: a device, not RAM
        Assert.Equal(Failed, result);
        Assert.Equal(SemihostErrno.Fault, h.Errno());
        Assert.Equal(SemihostHarness.CodeBase + 4, h.Core.Pc);
    }

    [Fact]
    public void Write_WithParameterBlockOutsideRam_FailsWithEfault()
    {
        using var h = new SemihostHarness();
        Assert.Equal(Failed, h.Call(0x05, 0x5000_0000));
        Assert.Equal(SemihostErrno.Fault, h.Errno());
    }

    [Fact]
    public void Read_FromTtOpenedForReading_ReadsHostInput()
    {
        using var input = new MemoryStream(Encoding.ASCII.GetBytes("typed\n"));
        using var h = new SemihostHarness(input: input);
        int handle = h.Open(":tt", 0);
        uint buffer = SemihostHarness.DataBase + 0x200;

        uint left = h.Call(0x06, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, buffer, 64));

        Assert.Equal(64u - 6, left);
        Assert.Equal("typed\n", Encoding.ASCII.GetString(h.ReadBytes(buffer, 6)));
    }

    [Fact]
    public void Read_WithoutHostInput_IsEndOfFile()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":tt", 0);
        uint left = h.Call(0x06, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, SemihostHarness.DataBase + 0x200, 10));
        Assert.Equal(10u, left);
    }

    [Fact]
    public void ReadC_ReturnsTheNextInputByte()
    {
        using var input = new MemoryStream("q"u8.ToArray());
        using var h = new SemihostHarness(input: input);
        Assert.Equal((uint)'q', h.Call(0x07, 0));
    }

    [Fact]
    public void IsTty_OnConsoleWhenNotATerminal_IsZeroWithEnotty()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":tt", 4);
        Assert.Equal(0u, h.Call(0x09, h.Block(SemihostHarness.DataBase, (uint)handle)));
        Assert.Equal(SemihostErrno.NotTty, h.Errno());
        Assert.Equal(Failed, h.Call(0x09, h.Block(SemihostHarness.DataBase, 30)));
        Assert.Equal(SemihostErrno.BadHandle, h.Errno());
    }

    [Fact]
    public void FeatureFile_AdvertisesExitExtendedAndStdoutStderr()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":semihosting-features", 0);
        uint buffer = SemihostHarness.DataBase + 0x200;

        Assert.Equal(5u, h.Call(0x0C, h.Block(SemihostHarness.DataBase, (uint)handle)));
        uint left = h.Call(0x06, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, buffer, 8));

        Assert.Equal(3u, left);
        Assert.Equal(new byte[] { 0x53, 0x48, 0x46, 0x42, 0x03 }, h.ReadBytes(buffer, 5));
        Assert.Equal(-1, h.Open(":semihosting-features", 4));
        Assert.Equal(SemihostErrno.Access, h.Errno());
    }

    [Fact]
    public unsafe void ConsoleWrites_AfterWarmUp_AllocateNothing()
    {
        using var h = new SemihostHarness();
        int handle = h.Open(":tt", 4);
        uint text = h.String(SemihostHarness.DataBase, "line\n");
        uint block = h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, text, 5);
        var semihost = h.Board.Semihosting;
        void CallAll()
        {
            h.Core.R[0] = 0x05; h.Core.R[1] = block; semihost.Call(h.Core);
            h.Core.R[0] = 0x04; h.Core.R[1] = text; semihost.Call(h.Core);
            h.Core.R[0] = 0x03; h.Core.R[1] = text; semihost.Call(h.Core);
            h.Core.R[0] = 0x06; h.Core.R[1] = block; semihost.Call(h.Core); // READ from stdout: EBADF
        }
        CallAll();
        h.Output.Capacity = 1 << 16; // the test's own stream must not grow while measuring

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            CallAll();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Open_WithModeTwelve_IsEinval()
    {
        using var h = new SemihostHarness();
        Assert.Equal(-1, h.Open(":tt", 12));
        Assert.Equal(SemihostErrno.Invalid, h.Errno());
    }
}
