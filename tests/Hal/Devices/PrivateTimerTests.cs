// Private timer: lazy count-down on emulated cycles, one-shot and auto-reload, prescaler, event flag, PPI 29, deadlines.
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class PrivateTimerTests
{
    private const uint Load = DeviceBoard.PrivateTimerBase + 0x0;
    private const uint Counter = DeviceBoard.PrivateTimerBase + 0x4;
    private const uint Control = DeviceBoard.PrivateTimerBase + 0x8;
    private const uint Status = DeviceBoard.PrivateTimerBase + 0xC;

    [Fact]
    public void Registers_ResetToZero()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0u, b.Read(0, Load));
        Assert.Equal(0u, b.Read(0, Counter));
        Assert.Equal(0u, b.Read(0, Control));
        Assert.Equal(0u, b.Read(0, Status));
    }

    [Fact]
    public void LoadWrite_AlsoLoadsTheCounter_AndCounterWriteLeavesLoad()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 1000);
        Assert.Equal(1000u, b.Read(0, Counter));
        b.Write(0, Counter, 77);
        Assert.Equal(77u, b.Read(0, Counter));
        Assert.Equal(1000u, b.Read(0, Load));
    }

    [Fact]
    public void Control_KeepsOnlyItsDefinedBits()
    {
        using var b = new DeviceBoard();
        b.Write(0, Control, 0xFFFF_FFFF);
        Assert.Equal(0xFF07u, b.Read(0, Control));
    }

    [Fact]
    public void Counter_DecrementsOncePerCycle_OnlyWhileEnabled()
    {
        using var b = new DeviceBoard();
        b.At(0, 100);
        b.Write(0, Load, 1000);
        b.At(0, 400);
        Assert.Equal(1000u, b.Read(0, Counter)); // not enabled yet
        b.Write(0, Control, 1);
        b.At(0, 700);
        Assert.Equal(700u, b.Read(0, Counter));
        b.Write(0, Control, 0);
        b.At(0, 5000);
        Assert.Equal(700u, b.Read(0, Counter)); // frozen
    }

    [Fact]
    public void Prescaler_DividesTheBoardClock()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 1000);
        b.Write(0, Control, (3u << 8) | 1); // one step per 4 cycles
        b.At(0, 399);
        Assert.Equal(901u, b.Read(0, Counter));
        b.At(0, 400);
        Assert.Equal(900u, b.Read(0, Counter));
    }

    [Fact]
    public void OneShot_StopsAtZeroWithOneEvent()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 10);
        b.Write(0, Control, 1);
        b.At(0, 9);
        Assert.Equal(1u, b.Read(0, Counter));
        Assert.Equal(0u, b.Read(0, Status));
        b.At(0, 10);
        Assert.Equal(0u, b.Read(0, Counter));
        Assert.Equal(1u, b.Read(0, Status));
        b.Write(0, Status, 1);
        b.At(0, 1000);
        Assert.Equal(0u, b.Read(0, Counter));
        Assert.Equal(0u, b.Read(0, Status));
    }

    [Fact]
    public void AutoReload_ShowsZeroForOneStepThenReloads_PeriodLoadPlusOne()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 4);
        b.Write(0, Control, 3);
        uint[] expected = { 4, 3, 2, 1, 0, 4, 3, 2, 1, 0, 4 };
        for (int cycle = 0; cycle < expected.Length; cycle++)
        {
            b.At(0, cycle);
            Assert.Equal(expected[cycle], b.Read(0, Counter));
        }
        b.Write(0, Status, 1);
        b.At(0, 14);
        Assert.Equal(1u, b.Read(0, Status)); // the event at cycle 14
        b.Write(0, Status, 1);
        b.At(0, 1_000_003);
        Assert.Equal(4u - (1_000_003u - 4u - 1u) % 5u, b.Read(0, Counter));
        Assert.Equal(1u, b.Read(0, Status));
    }

    [Fact]
    public void StatusWrite_OfZero_LeavesTheEventFlag()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 1);
        b.Write(0, Control, 1);
        b.At(0, 1);
        b.Write(0, Status, 0);
        Assert.Equal(1u, b.Read(0, Status));
    }

    [Fact]
    public void Event_WithIrqEnabled_RaisesPpi29OnThatCoreOnly()
    {
        using var b = new DeviceBoard(2);
        b.EnableGic();
        b.Enable(0, 29);
        b.Enable(1, 29);
        b.At(1, 500);
        b.Write(1, Load, 100);
        b.Write(1, Control, 5);                   // enable, IRQ enable, one-shot
        Assert.Equal(600L, b.Board.Private.NextDeadline(1));
        Assert.Equal(600L, b.Core(1).NextDeadline);
        Assert.Equal(long.MaxValue, b.Board.Private.NextDeadline(0));
        b.At(1, 599);
        b.Board.Private.Update(1);
        Assert.False(b.Core(1).IrqLine);
        b.At(1, 600);
        b.Board.Private.Update(1);
        Assert.True(b.Core(1).IrqLine);
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(long.MaxValue, b.Core(1).NextDeadline); // flag set: nothing further can change the line
        Assert.Equal(29u, b.Iar(1));
        b.Write(1, Status, 1);                    // the handler clears the flag: the level falls
        b.Eoir(1, 29);
        Assert.False(b.Core(1).IrqLine);
    }

    [Fact]
    public void Event_WithIrqDisabled_SetsTheFlagButNoDeadlineAndNoLine()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 29);
        b.Write(0, Load, 100);
        b.Write(0, Control, 1);
        Assert.Equal(long.MaxValue, b.Board.Private.NextDeadline(0));
        b.At(0, 150);
        b.Board.Private.Update(0);
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(1u, b.Read(0, Status));
        b.Write(0, Control, 5);                   // enabling the IRQ with the flag set raises the line
        Assert.True(b.Core(0).IrqLine);
    }

    [Fact]
    public void NextDeadline_ForAutoReload_IsTheNextPeriodAfterTheFlagIsCleared()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 99);
        b.Write(0, Control, 7 | (1u << 8));       // auto-reload, IRQ, prescaler 1: period 200 cycles
        Assert.Equal(198L, b.Board.Private.NextDeadline(0));
        b.At(0, 250);
        b.Board.Private.Update(0);
        b.Write(0, Status, 1);
        Assert.Equal(398L, b.Core(0).NextDeadline);
    }

    [Fact]
    public void CounterWriteOfZero_StopsAOneShotTimerWithoutAnEvent()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 100);
        b.Write(0, Control, 5);
        b.Write(0, Counter, 0);
        b.At(0, 1000);
        Assert.Equal(0u, b.Read(0, Status));
        Assert.Equal(long.MaxValue, b.Board.Private.NextDeadline(0));
    }

    [Fact]
    public void EnablingAutoReloadAtZero_RestartsFromLoad()
    {
        using var b = new DeviceBoard();
        b.Write(0, Load, 50);
        b.Write(0, Counter, 0);
        b.Write(0, Control, 3);
        Assert.Equal(50u, b.Read(0, Counter));
    }

    [Fact]
    public void EachCore_SeesItsOwnTimer()
    {
        using var b = new DeviceBoard(2);
        b.Write(0, Load, 10);
        b.Write(1, Load, 20);
        Assert.Equal(10u, b.Read(0, Load));
        Assert.Equal(20u, b.Read(1, Load));
    }
}
