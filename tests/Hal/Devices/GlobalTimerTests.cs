// Global timer: shared 64-bit up-counter, per-core comparators with auto-increment, event flag, PPI 27, deadlines.
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class GlobalTimerTests
{
    private const uint CounterLo = DeviceBoard.GlobalTimerBase + 0x00;
    private const uint CounterHi = DeviceBoard.GlobalTimerBase + 0x04;
    private const uint Control = DeviceBoard.GlobalTimerBase + 0x08;
    private const uint Status = DeviceBoard.GlobalTimerBase + 0x0C;
    private const uint ComparatorLo = DeviceBoard.GlobalTimerBase + 0x10;
    private const uint ComparatorHi = DeviceBoard.GlobalTimerBase + 0x14;
    private const uint Increment = DeviceBoard.GlobalTimerBase + 0x18;

    [Fact]
    public void Counter_CountsUpOnlyWhileEnabled()
    {
        using var b = new DeviceBoard();
        b.At(0, 1000);
        Assert.Equal(0u, b.Read(0, CounterLo));
        b.Write(0, Control, 1);
        b.At(0, 1250);
        Assert.Equal(250u, b.Read(0, CounterLo));
        b.Write(0, Control, 0);
        b.At(0, 9000);
        Assert.Equal(250u, b.Read(0, CounterLo));
    }

    [Fact]
    public void Counter_IsSixtyFourBitsAndWritableOnlyWhileDisabled()
    {
        using var b = new DeviceBoard();
        b.Write(0, CounterLo, 0xFFFF_FFF0);
        b.Write(0, CounterHi, 2);
        b.Write(0, Control, 1);
        b.At(0, 0x20);
        Assert.Equal(0x10u, b.Read(0, CounterLo));
        Assert.Equal(3u, b.Read(0, CounterHi));
        b.Write(0, CounterLo, 0);                 // ignored while enabled
        Assert.Equal(0x10u, b.Read(0, CounterLo));
    }

    [Fact]
    public void Prescaler_DividesTheBoardClock()
    {
        using var b = new DeviceBoard();
        b.Write(0, Control, (9u << 8) | 1);
        b.At(0, 1005);
        Assert.Equal(100u, b.Read(0, CounterLo));
    }

    [Fact]
    public void Control_SharesEnableAndPrescalerButBanksTheComparatorBits()
    {
        using var b = new DeviceBoard(2);
        b.Write(0, Control, 0xFFFF_FFFF);
        Assert.Equal(0xFF0Fu, b.Read(0, Control));
        Assert.Equal(0xFF01u, b.Read(1, Control));
    }

    [Fact]
    public void Comparator_FiresWhenTheCounterReachesIt_AndRaisesPpi27()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 27);
        b.Write(0, ComparatorLo, 300);
        b.Write(0, Control, 0x7);                 // timer, comparator, IRQ
        Assert.Equal(300L, b.Core(0).NextDeadline);
        b.At(0, 299);
        b.Board.Private.Update(0);
        Assert.False(b.Core(0).IrqLine);
        b.At(0, 300);
        b.Board.Private.Update(0);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(27u, b.Iar(0));
        b.Write(0, Status, 1);                    // counter >= comparator still holds: the flag comes straight back
        Assert.Equal(1u, b.Read(0, Status));
        b.Write(0, Control, 0x1);                 // so a handler disables the comparator first, as Linux does
        b.Write(0, Status, 1);
        b.Eoir(0, 27);
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(long.MaxValue, b.Core(0).NextDeadline);
    }

    [Fact]
    public void AutoIncrement_AdvancesTheComparatorPastTheCounter()
    {
        using var b = new DeviceBoard();
        b.Write(0, ComparatorLo, 100);
        b.Write(0, Increment, 50);
        b.Write(0, Control, 0xF);
        b.At(0, 100);
        Assert.Equal(1u, b.Read(0, Status));
        Assert.Equal(150u, b.Read(0, ComparatorLo));
        b.Write(0, Status, 1);
        Assert.Equal(150L, b.Core(0).NextDeadline);
        b.At(0, 275);                             // events at 150, 200, 250 were missed while the core ran
        Assert.Equal(1u, b.Read(0, Status));
        Assert.Equal(300u, b.Read(0, ComparatorLo));
        Assert.Equal(50u, b.Read(0, Increment));
    }

    [Fact]
    public void Comparator_WrittenBelowTheCounter_FiresAtOnce()
    {
        using var b = new DeviceBoard();
        b.Write(0, Control, 0x3);
        b.At(0, 500);
        b.Write(0, ComparatorLo, 10);
        Assert.Equal(1u, b.Read(0, Status));
    }

    [Fact]
    public void Comparators_AreBankedPerCore()
    {
        using var b = new DeviceBoard(2);
        b.EnableGic();
        b.Enable(0, 27);
        b.Enable(1, 27);
        b.Write(0, ComparatorLo, 100);
        b.Write(1, ComparatorLo, 200);
        b.Write(1, ComparatorHi, 0);
        b.Write(0, Control, 0x7);
        b.Write(1, Control, 0x7);
        Assert.Equal(100u, b.Read(0, ComparatorLo));
        Assert.Equal(200u, b.Read(1, ComparatorLo));
        Assert.Equal(100L, b.Board.Private.NextDeadline(0));
        Assert.Equal(200L, b.Board.Private.NextDeadline(1));
        b.At(0, 150);
        b.At(1, 150);
        b.Board.Private.Update(0);
        b.Board.Private.Update(1);
        Assert.True(b.Core(0).IrqLine);
        Assert.False(b.Core(1).IrqLine);
    }

    [Fact]
    public void NextDeadline_IsTheEarliestOfTheCoresTimers()
    {
        using var b = new DeviceBoard();
        b.Write(0, ComparatorLo, 700);
        b.Write(0, Control, 0x7);
        b.Write(0, DeviceBoard.PrivateTimerBase, 500);
        b.Write(0, DeviceBoard.PrivateTimerBase + 8, 5);
        b.Write(0, DeviceBoard.WatchdogBase, 600);
        b.Write(0, DeviceBoard.WatchdogBase + 8, 5);
        Assert.Equal(500L, b.Board.Private.NextDeadline(0));
        b.At(0, 500);
        b.Board.Private.Update(0);
        Assert.Equal(600L, b.Core(0).NextDeadline);
        b.At(0, 600);
        b.Board.Private.Update(0);
        Assert.Equal(700L, b.Core(0).NextDeadline);
    }
}
