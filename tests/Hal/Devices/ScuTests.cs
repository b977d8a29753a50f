// SCU registers and the private region's dispatch of unimplemented offsets.
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class ScuTests
{
    [Theory]
    [InlineData(1, 0x10u)]
    [InlineData(2, 0x31u)]
    [InlineData(4, 0xF3u)]
    public void Configuration_ReportsTheCoresPresent(int cores, uint expected)
    {
        using var b = new DeviceBoard(cores);
        Assert.Equal(expected, b.Read(0, Codezero.Hal.ArmCortexA9.Board.PeriphBase + 0x04));
        b.Write(0, Codezero.Hal.ArmCortexA9.Board.PeriphBase + 0x04, 0);
        Assert.Equal(expected, b.Read(0, Codezero.Hal.ArmCortexA9.Board.PeriphBase + 0x04));
    }

    [Fact]
    public void Control_KeepsOnlyTheEnableBit()
    {
        using var b = new DeviceBoard();
        const uint scu = Codezero.Hal.ArmCortexA9.Board.PeriphBase;
        Assert.Equal(0u, b.Read(0, scu));
        b.Write(0, scu, 0xFFFF_FFFF);
        Assert.Equal(1u, b.Read(0, scu));
    }

    [Fact]
    public void PowerStatus_IsWritableByWordAndByByte()
    {
        using var b = new DeviceBoard();
        const uint scu = Codezero.Hal.ArmCortexA9.Board.PeriphBase;
        b.Write(0, scu + 0x08, 0xFFFF_FFFF);
        Assert.Equal(0xFFFF_FFFFu, b.Read(0, scu + 0x08));
        b.Write(0, scu + 0x09, 0x00, size: 1);
        Assert.Equal(0xFFFF_00FFu, b.Read(0, scu + 0x08));
        Assert.Equal(0xFFu, b.Read(0, scu + 0x0B, size: 1));
    }

    [Fact]
    public void InvalidateAllAndFiltering_AcceptWritesAndReadAsZero()
    {
        using var b = new DeviceBoard();
        const uint scu = Codezero.Hal.ArmCortexA9.Board.PeriphBase;
        foreach (uint offset in new uint[] { 0x0C, 0x40, 0x44, 0x50, 0x54 })
        {
            b.Write(0, scu + offset, 0xFFFF_FFFF);
            Assert.Equal(0u, b.Read(0, scu + offset));
        }
    }

    [Fact]
    public void PrivateRegionHoles_ReadAsZeroWithoutAborting()
    {
        using var b = new DeviceBoard();
        const uint p = Codezero.Hal.ArmCortexA9.Board.PeriphBase;
        foreach (uint offset in new uint[] { 0x140, 0x220, 0x300, 0x500, 0x640, 0x700, 0xFFC })
        {
            b.Write(0, p + offset, 0xFFFF_FFFF);
            Assert.Equal(0u, b.Read(0, p + offset));
        }
    }
}
