// Distributor registers: identification, enables, pending, priorities, targets, configuration, SGIs, routing.
using Codezero.Hal.ArmCortexA9;
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class GicDistributorTests
{
    [Theory]
    [InlineData(1, 0x402u)]
    [InlineData(2, 0x422u)]
    [InlineData(4, 0x462u)]
    public void Typer_ReportsThreeInterruptLinesTheCoreCountAndSecurityExtensions(int cores, uint expected)
    {
        using var b = new DeviceBoard(cores);
        Assert.Equal(expected, b.Dist(0, 0x004));
    }

    [Fact]
    public void IdentificationRegisters_ReadAsQemusGicV1()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0x43Bu, b.Dist(0, 0x008));
        uint[] expected = { 0x04, 0, 0, 0, 0x90, 0xB3, 0x1B, 0x00, 0x0D, 0xF0, 0x05, 0xB1 };
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], b.Dist(0, 0xFD0 + (uint)(4 * i)));
        }
    }

    [Fact]
    public void Ctlr_KeepsBothGroupEnables()
    {
        using var b = new DeviceBoard();
        b.SetDist(0, 0x000, 0xFFFF_FFFF);
        Assert.Equal(3u, b.Dist(0, 0x000));
    }

    [Fact]
    public void Sgis_AreAlwaysEnabledAndEdgeTriggered()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0x0000_FFFFu, b.Dist(0, 0x100));
        b.SetDist(0, 0x180, 0xFFFF_FFFF);
        Assert.Equal(0x0000_FFFFu, b.Dist(0, 0x100));
        Assert.Equal(0xAAAA_AAAAu, b.Dist(0, 0xC00));
        b.SetDist(0, 0xC00, 0);
        Assert.Equal(0xAAAA_AAAAu, b.Dist(0, 0xC00));
    }

    [Fact]
    public void Icfgr_ForPpisAndSpis_StoresOnlyTheEdgeBits()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0u, b.Dist(0, 0xC04));
        b.SetDist(0, 0xC04, 0xFFFF_FFFF);
        Assert.Equal(0xAAAA_AAAAu, b.Dist(0, 0xC04));
        b.SetDist(0, 0xC08, 0x0000_0008); // ID 33 edge
        Assert.Equal(0x0000_0008u, b.Dist(0, 0xC08));
    }

    [Fact]
    public void Enable_SetAndClear_ReadBackThroughBothRegisters()
    {
        using var b = new DeviceBoard();
        b.SetDist(0, 0x104, 0x0000_0021); // IDs 32 and 37
        Assert.Equal(0x21u, b.Dist(0, 0x104));
        Assert.Equal(0x21u, b.Dist(0, 0x184));
        b.SetDist(0, 0x184, 0x0000_0001);
        Assert.Equal(0x20u, b.Dist(0, 0x104));
    }

    [Fact]
    public void Ipriorityr_AcceptsByteAccessAndReadsLowThreeBitsAsZero()
    {
        using var b = new DeviceBoard();
        b.SetDist(0, 0x420, 0xFF, size: 1);
        b.SetDist(0, 0x423, 0x5B, size: 1);
        Assert.Equal(0x5800_00F8u, b.Dist(0, 0x420));
        Assert.Equal(0x58u, b.Dist(0, 0x423, size: 1));
        b.SetDist(0, 0x424, 0xFFFF_FFFF);
        Assert.Equal(0xF8F8_F8F8u, b.Dist(0, 0x424));
    }

    [Fact]
    public void Ipriorityr_ForPrivateIds_IsBankedPerCore()
    {
        using var b = new DeviceBoard(2);
        b.SetPriority(0, 29, 0x40);
        b.SetPriority(1, 29, 0x80);
        b.SetPriority(1, 3, 0x10);
        Assert.Equal(0x40u, b.Dist(0, 0x41D, size: 1));
        Assert.Equal(0x80u, b.Dist(1, 0x41D, size: 1));
        Assert.Equal(0u, b.Dist(0, 0x403, size: 1));
        Assert.Equal(0x10u, b.Dist(1, 0x403, size: 1));
    }

    [Fact]
    public void Itargetsr_ForPrivateIds_ReadsAsTheAccessingCoreAndIgnoresWrites()
    {
        using var b = new DeviceBoard(4);
        for (int core = 0; core < 4; core++)
        {
            uint bit = 1u << core;
            Assert.Equal(bit * 0x0101_0101u, b.Dist(core, 0x800));
            Assert.Equal(bit * 0x0101_0101u, b.Dist(core, 0x81C));
        }
        b.SetDist(2, 0x81C, 0xFFFF_FFFF);
        Assert.Equal(0x0404_0404u, b.Dist(2, 0x81C));
    }

    [Fact]
    public void Itargetsr_ForSpis_IsByteWritable()
    {
        using var b = new DeviceBoard(4);
        Assert.Equal(0u, b.Dist(0, 0x820));
        b.SetTargets(33, 0x06);
        Assert.Equal(0x0000_0600u, b.Dist(1, 0x820));
    }

    [Fact]
    public void Itargetsr_OnAUniprocessorGic_ReadsAsZeroAndRoutesToCoreZero()
    {
        using var b = new DeviceBoard(1);
        b.EnableGic();
        b.SetTargets(40, 0);
        Assert.Equal(0u, b.Dist(0, 0x800));
        Assert.Equal(0u, b.Dist(0, 0x828));
        b.Enable(0, 40);
        b.SetPending(0, 40);
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(40u, b.Iar(0));
    }

    [Fact]
    public void Igroupr_ReadsAsZeroBecauseEverythingIsGroupZero()
    {
        using var b = new DeviceBoard();
        b.SetDist(0, 0x080, 0xFFFF_FFFF);
        Assert.Equal(0u, b.Dist(0, 0x080));
    }

    [Fact]
    public void Sgir_TargetListFilter_SetsPendingOnListedCoresOnly()
    {
        using var b = new DeviceBoard(4);
        b.SetDist(0, 0xF00, (0u << 24) | (0x0Au << 16) | 5); // cores 1 and 3
        Assert.Equal(0u, b.Dist(0, 0x200) & (1u << 5));
        Assert.Equal(1u << 5, b.Dist(1, 0x200) & (1u << 5));
        Assert.Equal(0u, b.Dist(2, 0x200) & (1u << 5));
        Assert.Equal(1u << 5, b.Dist(3, 0x200) & (1u << 5));
    }

    [Fact]
    public void Sgir_AllButSelfFilter_SkipsTheSender()
    {
        using var b = new DeviceBoard(4);
        b.SetDist(2, 0xF00, (1u << 24) | 7);
        Assert.Equal(1u << 7, b.Dist(0, 0x200) & 0xFFFF);
        Assert.Equal(1u << 7, b.Dist(1, 0x200) & 0xFFFF);
        Assert.Equal(0u, b.Dist(2, 0x200) & 0xFFFF);
        Assert.Equal(1u << 7, b.Dist(3, 0x200) & 0xFFFF);
    }

    [Fact]
    public void Sgir_SelfFilter_TargetsOnlyTheSender()
    {
        using var b = new DeviceBoard(4);
        b.SetDist(3, 0xF00, (2u << 24) | (0xFFu << 16) | 1);
        Assert.Equal(0u, b.Dist(0, 0x200) & 0xFFFF);
        Assert.Equal(1u << 1, b.Dist(3, 0x200) & 0xFFFF);
        Assert.Equal(0x08u, b.Dist(3, 0xF21, size: 1)); // SPENDSGIR: pending from core 3
    }

    [Fact]
    public void Sgir_ByteWrite_DoesNotSendAnything()
    {
        using var b = new DeviceBoard(2);
        b.SetDist(0, 0xF00, 0x01, size: 1);
        Assert.Equal(0u, b.Dist(0, 0x200) & 0xFFFF);
    }

    [Fact]
    public void Ispendr_ForSgis_IsIgnored()
    {
        using var b = new DeviceBoard();
        b.SetDist(0, 0x200, 0xFFFF);
        Assert.Equal(0u, b.Dist(0, 0x200));
    }

    [Fact]
    public void Ppi_EnableAndPending_AreBankedPerCore()
    {
        using var b = new DeviceBoard(2);
        b.Enable(1, 29);
        b.SetPending(1, 29);
        Assert.Equal(0u, b.Dist(0, 0x100) & (1u << 29));
        Assert.Equal(1u << 29, b.Dist(1, 0x100) & (1u << 29));
        Assert.Equal(0u, b.Dist(0, 0x200) & (1u << 29));
        Assert.Equal(1u << 29, b.Dist(1, 0x200) & (1u << 29));
        b.Board.Gic.SetPpiLevel(0, 27, true);
        Assert.Equal(1u << 27, b.Dist(0, 0x200) & (1u << 27)); // level-sensitive: pending while high
        Assert.Equal(0u, b.Dist(1, 0x200) & (1u << 27));
    }

    [Fact]
    public void Spi_RoutedByItargetsr_SignalsOnlyTheTargetCores()
    {
        using var b = new DeviceBoard(4);
        b.EnableGic();
        b.Enable(0, 50);
        b.SetTargets(50, 0x04);
        b.SetPending(0, 50);
        Assert.False(b.Core(0).IrqLine);
        Assert.False(b.Core(1).IrqLine);
        Assert.True(b.Core(2).IrqLine);
        Assert.False(b.Core(3).IrqLine);
        Assert.Equal(Codezero.Hal.ArmCortexA9.Devices.Gic.SpuriousId, b.Iar(0));
        Assert.Equal(50u, b.Iar(2));
        Assert.False(b.Core(2).IrqLine);
    }

    [Fact]
    public void Spi_TargetingTwoCores_IsTakenByTheFirstToAcknowledge()
    {
        using var b = new DeviceBoard(2);
        b.EnableGic();
        b.Enable(0, 40);
        b.SetTargets(40, 0x03);
        b.SetPending(0, 40);
        Assert.True(b.Core(0).IrqLine);
        Assert.True(b.Core(1).IrqLine);
        Assert.Equal(40u, b.Iar(1));
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal(1023u, b.Iar(0));
        Assert.Equal(1u << 8, b.Dist(0, 0x304)); // active (on core 1)
    }

    [Fact]
    public void Spi_WithNoTarget_IsNotMadePending()
    {
        using var b = new DeviceBoard(2);
        b.SetPending(0, 40);
        Assert.Equal(0u, b.Dist(0, 0x204));
    }

    [Fact]
    public void Icpendr_ClearsALatchedSpi()
    {
        using var b = new DeviceBoard(1);
        b.SetPending(0, 45);
        Assert.Equal(1u << 13, b.Dist(0, 0x204));
        b.SetDist(0, 0x284, 1u << 13);
        Assert.Equal(0u, b.Dist(0, 0x204));
    }

    [Fact]
    public void Isactiver_WritesAreIgnoredOnGicV1()
    {
        using var b = new DeviceBoard(1);
        b.SetDist(0, 0x304, 0xFFFF_FFFF);
        Assert.Equal(0u, b.Dist(0, 0x304));
    }

    [Fact]
    public void UnimplementedOffsets_ReadAsZero()
    {
        using var b = new DeviceBoard(1);
        Assert.Equal(0u, b.Dist(0, 0x00C));
        Assert.Equal(0u, b.Dist(0, 0x10C)); // beyond ID 95
        Assert.Equal(0u, b.Dist(0, 0x460));
        Assert.Equal(0u, b.Dist(0, 0xD00));
        Assert.Equal(0u, b.Dist(0, 0xFE1, size: 1));
    }

    [Fact]
    public void LevelSpi_FollowsItsInputLine()
    {
        using var b = new DeviceBoard(1);
        b.EnableGic();
        b.Enable(0, 37);
        b.Board.Gic.SetSpiLevel(37, true);
        Assert.Equal(1u << 5, b.Dist(0, 0x204));
        Assert.True(b.Core(0).IrqLine);
        b.Board.Gic.SetSpiLevel(37, false);
        Assert.Equal(0u, b.Dist(0, 0x204));
        Assert.False(b.Core(0).IrqLine);
    }

    [Fact]
    public void EdgeSpi_LatchesPendingOnARisingEdge()
    {
        using var b = new DeviceBoard(1);
        b.EnableGic();
        b.SetDist(0, 0xC08, 2u << (2 * 5)); // ID 37 edge-triggered
        b.Enable(0, 37);
        b.Board.Gic.SetSpiLevel(37, true);
        b.Board.Gic.SetSpiLevel(37, false);
        Assert.Equal(1u << 5, b.Dist(0, 0x204));
        Assert.Equal(37u, b.Iar(0));
        Assert.Equal(0u, b.Dist(0, 0x204));
    }

    [Fact]
    public void Board_HasTheGicAtPeriphBasePlus0x1000()
    {
        using var b = new DeviceBoard(4);
        Assert.True(b.Board.Memory.ReadDevice(0, Board.PeriphBase + 0x1004, 4, out uint typer));
        Assert.Equal(0x462u, typer);
    }
}
