// CPU interface: acknowledge / end of interrupt life cycle, priorities, masking, preemption, SGI sources, native API.
using Codezero.Hal.ArmCortexA9.Devices;
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class GicCpuInterfaceTests
{
    [Fact]
    public void ResetValues_MatchQemu()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0u, b.Cpu(0, 0x00));
        Assert.Equal(0u, b.Cpu(0, 0x04));
        Assert.Equal(0u, b.Cpu(0, 0x08));
        Assert.Equal(0xFFu, b.Cpu(0, 0x14));
        Assert.Equal(1023u, b.Cpu(0, 0x18));
        Assert.Equal(1u, b.Cpu(0, 0x1C));
        Assert.Equal(0x0001_043Bu, b.Cpu(0, 0xFC));
    }

    [Fact]
    public void ControlPmrAndBpr_KeepTheirImplementedBits()
    {
        using var b = new DeviceBoard();
        b.SetCpu(0, 0x00, 0xFFFF_FFFF);
        Assert.Equal(0x1Fu, b.Cpu(0, 0x00));
        b.SetCpu(0, 0x04, 0xFF);
        Assert.Equal(0xF8u, b.Cpu(0, 0x04));
        b.SetCpu(0, 0x04, 0x13);
        Assert.Equal(0x10u, b.Cpu(0, 0x04));
        b.SetCpu(0, 0x08, 0xFF);
        Assert.Equal(7u, b.Cpu(0, 0x08));
        b.SetCpu(0, 0x1C, 0);
        Assert.Equal(1u, b.Cpu(0, 0x1C));
    }

    [Fact]
    public void Iar_WithNothingPending_ReturnsSpurious1023()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        Assert.Equal(1023u, b.Iar(0));
        Assert.Equal(0xFFu, b.Cpu(0, 0x14));
    }

    [Fact]
    public void Interrupt_LifeCycle_PendingThenActiveThenInactive()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 34);
        b.SetPriority(0, 34, 0xA0);
        b.SetPending(0, 34);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(34u, b.Cpu(0, 0x18));               // HPPIR
        Assert.Equal(34u, b.Iar(0));
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(0u, b.Dist(0, 0x204));              // no longer pending
        Assert.Equal(1u << 2, b.Dist(0, 0x304));         // active
        Assert.Equal(0xA0u, b.Cpu(0, 0x14));             // running priority
        b.Eoir(0, 34);
        Assert.Equal(0u, b.Dist(0, 0x304));
        Assert.Equal(0xFFu, b.Cpu(0, 0x14));
        Assert.Equal(1023u, b.Iar(0));
    }

    [Fact]
    public void Iar_WithTwoPending_ReturnsHighestPriorityFirst()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 40);
        b.Enable(0, 41);
        b.SetPriority(0, 40, 0x80);
        b.SetPriority(0, 41, 0x40);
        b.SetPending(0, 40);
        b.SetPending(0, 41);
        Assert.Equal(41u, b.Iar(0));
        b.Eoir(0, 41);
        Assert.Equal(40u, b.Iar(0));
        b.Eoir(0, 40);
        Assert.Equal(1023u, b.Iar(0));
    }

    [Fact]
    public void Iar_WithEqualPriorities_ReturnsTheLowestIdFirst()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 60);
        b.Enable(0, 33);
        b.SetPending(0, 60);
        b.SetPending(0, 33);
        Assert.Equal(33u, b.Iar(0));
    }

    [Fact]
    public void Pmr_MasksInterruptsWhosePriorityIsNotHigher()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.SetCpu(0, 0x04, 0x80);
        b.Enable(0, 35);
        b.SetPriority(0, 35, 0x80);
        b.SetPending(0, 35);
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(1023u, b.Cpu(0, 0x18));
        Assert.Equal(1023u, b.Iar(0));
        b.SetCpu(0, 0x04, 0x88);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(35u, b.Iar(0));
    }

    [Fact]
    public void RunningPriority_LetsHigherPriorityPreemptAndHoldsBackTheRest()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 36);
        b.Enable(0, 37);
        b.Enable(0, 38);
        b.SetPriority(0, 36, 0x80);
        b.SetPriority(0, 37, 0x40);
        b.SetPriority(0, 38, 0xC0);
        b.SetPending(0, 36);
        Assert.Equal(36u, b.Iar(0));
        b.SetPending(0, 38);                        // lower priority than running: waits
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(38u, b.Cpu(0, 0x18));          // HPPIR ignores the running priority
        Assert.Equal(1023u, b.Iar(0));
        b.SetPending(0, 37);                        // higher: preempts
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(37u, b.Iar(0));
        Assert.Equal(0x40u, b.Cpu(0, 0x14));
        b.Eoir(0, 37);
        Assert.Equal(0x80u, b.Cpu(0, 0x14));        // back to the preempted one
        Assert.False(b.Core(0).IrqLine);
        b.Eoir(0, 36);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(38u, b.Iar(0));
    }

    [Fact]
    public void Bpr_GroupsPrioritiesSoEqualGroupsDoNotPreempt()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.SetCpu(0, 0x08, 4);                          // group priority = priority[7:5]
        b.Enable(0, 36);
        b.Enable(0, 37);
        b.SetPriority(0, 36, 0x90);
        b.SetPriority(0, 37, 0x88);
        b.SetPending(0, 36);
        Assert.Equal(36u, b.Iar(0));
        Assert.Equal(0x80u, b.Cpu(0, 0x14));
        b.SetPending(0, 37);                        // 0x88 is not above group priority 0x80
        Assert.False(b.Core(0).IrqLine);
    }

    [Fact]
    public void Eoir_OfSpuriousOrWithNothingActive_IsIgnored()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 40);
        b.SetPending(0, 40);
        b.Eoir(0, 40);                              // nothing active yet
        Assert.Equal(40u, b.Iar(0));
        b.Eoir(0, 1023);
        Assert.Equal(1u << 8, b.Dist(0, 0x304));
        b.Eoir(0, 40);
        Assert.Equal(0u, b.Dist(0, 0x304));
    }

    [Fact]
    public void DisabledDistributorOrCpuInterface_SignalsNothing()
    {
        using var b = new DeviceBoard();
        b.Enable(0, 40);
        b.SetPending(0, 40);
        b.SetCpu(0, 0x04, 0xF8);
        b.SetCpu(0, 0x00, 1);
        Assert.False(b.Core(0).IrqLine);            // distributor off
        Assert.Equal(1023u, b.Iar(0));
        b.SetDist(0, 0x000, 1);
        Assert.True(b.Core(0).IrqLine);
        b.SetCpu(0, 0x00, 0);
        Assert.False(b.Core(0).IrqLine);            // CPU interface off
        Assert.Equal(1023u, b.Iar(0));
    }

    [Fact]
    public void DisabledInterrupt_IsNotSignalled()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.SetPending(0, 40);
        Assert.False(b.Core(0).IrqLine);
        b.Enable(0, 40);
        Assert.True(b.Core(0).IrqLine);
    }

    [Fact]
    public void Sgi_FromEveryCore_ReportsTheSourceInIarBits12To10()
    {
        using var b = new DeviceBoard(4);
        b.EnableGic();
        for (int source = 3; source >= 0; source--)
        {
            b.SetDist(source, 0xF00, (1u << 16) | 9);  // SGI 9 to core 0
        }
        for (uint source = 0; source < 4; source++)
        {
            uint iar = b.Iar(0);
            Assert.Equal(9u | (source << 10), iar);
            b.Eoir(0, iar);
        }
        Assert.Equal(1023u, b.Iar(0));
        Assert.Equal(0u, b.Dist(0, 0x200) & 0xFFFF);
    }

    [Fact]
    public void Sgi_PendingFromTwoSources_StaysPendingUntilBothAreAcknowledged()
    {
        using var b = new DeviceBoard(4);
        b.EnableGic();
        b.SetDist(1, 0xF00, (1u << 16) | 2);
        b.SetDist(3, 0xF00, (1u << 16) | 2);
        Assert.Equal(0x0Au, b.Dist(0, 0xF22, size: 1));
        Assert.Equal(2u | (1u << 10), b.Iar(0));
        Assert.Equal(1u << 2, b.Dist(0, 0x200) & 0xFFFF);
        Assert.Equal(0x08u, b.Dist(0, 0xF22, size: 1));
    }

    [Fact]
    public void Ppi_LevelInput_StaysPendingWhileHighAndReturnsAfterEoi()
    {
        using var b = new DeviceBoard(2);
        b.EnableGic();
        b.Enable(1, 29);
        b.Board.Gic.SetPpiLevel(1, 29, true);
        Assert.False(b.Core(0).IrqLine);
        Assert.True(b.Core(1).IrqLine);
        Assert.Equal(29u, b.Iar(1));
        Assert.Equal(1u << 29, b.Dist(1, 0x200) & (1u << 29)); // line still high: still pending
        Assert.False(b.Core(1).IrqLine);                        // but not above the running priority
        b.Eoir(1, 29);
        Assert.True(b.Core(1).IrqLine);
        b.Board.Gic.SetPpiLevel(1, 29, false);
        Assert.False(b.Core(1).IrqLine);
        Assert.Equal(1023u, b.Iar(1));
    }

    [Fact]
    public void Ppi_EdgeInput_IsLatchedOnceAndClearedByAcknowledge()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.SetDist(0, 0xC04, 2u << (2 * (29 - 16)));
        b.Enable(0, 29);
        b.Board.Gic.SetPpiLevel(0, 29, true);
        Assert.Equal(29u, b.Iar(0));
        b.Eoir(0, 29);
        Assert.False(b.Core(0).IrqLine);                        // line still high, but edge: no new event
    }

    [Fact]
    public void NativeAcknowledgeAndEndOfInterrupt_BehaveLikeTheRegisters()
    {
        using var b = new DeviceBoard(2);
        b.EnableGic();
        b.SetDist(1, 0xF00, (1u << 16) | 4);
        Gic gic = b.Board.Gic;
        Assert.True(gic.IsSignalling(0));
        uint iar = gic.Acknowledge(0);
        Assert.Equal(4u | (1u << 10), iar);
        Assert.Equal(Gic.SpuriousId, gic.Acknowledge(0));
        Assert.Equal(1u << 4, b.Dist(0, 0x300) & 0xFFFF);
        gic.EndOfInterrupt(0, iar);
        Assert.Equal(0u, b.Dist(0, 0x300) & 0xFFFF);
        Assert.False(b.Core(0).IrqLine);
    }

    [Fact]
    public void CpuInterface_IsBankedPerAccessingCore()
    {
        using var b = new DeviceBoard(2);
        b.SetCpu(0, 0x04, 0x80);
        b.SetCpu(1, 0x04, 0x40);
        Assert.Equal(0x80u, b.Cpu(0, 0x04));
        Assert.Equal(0x40u, b.Cpu(1, 0x04));
    }

    [Fact]
    public void RisingIrqLine_WakesACoreWaitingInWfi()
    {
        using var b = new DeviceBoard();
        b.EnableGic();
        b.Enable(0, 40);
        b.Core(0).Waiting = true;
        Assert.False(b.Core(0).TryWake()); // nothing pending yet: the core stays asleep
        b.SetPending(0, 40);
        Assert.True(b.Core(0).IrqLine);
        Assert.True(b.Core(0).TryWake());  // the core's runner ends the wait
        Assert.False(b.Core(0).Waiting);
    }
}
