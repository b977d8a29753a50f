// Watchdog in timer mode: counts like the private timer, raises PPI 30; reset status and disable registers.
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class WatchdogTests
{
    private const uint Load = DeviceBoard.WatchdogBase + 0x00;
    private const uint Counter = DeviceBoard.WatchdogBase + 0x04;
    private const uint Control = DeviceBoard.WatchdogBase + 0x08;
    private const uint Status = DeviceBoard.WatchdogBase + 0x0C;
    private const uint ResetStatus = DeviceBoard.WatchdogBase + 0x10;
    private const uint Disable = DeviceBoard.WatchdogBase + 0x14;

    [Fact]
    public void TimerMode_CountsDownAndRaisesPpi30()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 30);
        b.Write(0, Load, 55);
        b.Write(0, Control, 5);
        b.At(0, 50);
        Assert.Equal(5u, b.Read(0, Counter));
        Assert.Equal(55L, b.Core(0).NextDeadline);
        b.At(0, 55);
        b.Board.Private.Update(0);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(30u, b.Iar(0));
        Assert.Equal(1u, b.Read(0, Status));
    }

    [Fact]
    public void Control_KeepsTheWatchdogModeBitAndPrescaler()
    {
        using var b = new DeviceBoard();
        b.Write(0, Control, 0xFFFF_FFFF);
        Assert.Equal(0xFF0Fu, b.Read(0, Control));
    }

    [Fact]
    public void ResetStatusAndDisable_ReadAsZeroAndAcceptWrites()
    {
        using var b = new DeviceBoard();
        b.Write(0, Disable, 0x1234_5678);
        b.Write(0, Disable, 0x8765_4321);
        b.Write(0, ResetStatus, 1);
        Assert.Equal(0u, b.Read(0, Disable));
        Assert.Equal(0u, b.Read(0, ResetStatus));
    }

    [Fact]
    public void Watchdog_IsSeparateFromThePrivateTimer()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 9);
        Assert.Equal(0u, b.Read(0, DeviceBoard.PrivateTimerBase));
        Assert.Equal(9u, b.Read(0, Load));
    }
}
