// The Versatile Express motherboard system registers (ID, flags used to release secondary cores, counters).
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The V2M system register block at 0x10000000. SYS_FLAGS holds the address secondary cores jump to.
/// The counters are derived from the reading core's cycle count (the board's emulated time), never from host time.
/// </summary>
public sealed class SystemRegisters : IMmioDevice
{
    private readonly Board _board;
    private uint _flags, _nvFlags, _leds, _cfgData, _cfgCtrl, _cfgStat;

    public SystemRegisters(Board board) => _board = board;

    public uint Size => 0x1000;

    /// <summary>SYS_FLAGS: the secondary cores' boot address.</summary>
    public uint Flags => _flags;

    public bool Read(int core, uint offset, int size, out uint value)
    {
        value = offset switch
        {
            0x00 => 0x1190_F500,                                   // SYS_ID (V2P-CA9 as QEMU reports it)
            0x04 => 0,                                             // SYS_SW
            0x08 => _leds,
            0x24 => (uint)(_board.Cores[core].LiveCycles / 1_000_000),      // SYS_100HZ from the reading core's clock
            0x30 => _flags,
            0x38 => _nvFlags,
            0x4C => 0,                                             // SYS_MCI
            0x50 => 0,                                             // SYS_FLASH
            0x58 => 0,                                             // SYS_CFGSW
            0x5C => (uint)(_board.Cores[core].LiveCycles * 24 / 100),       // SYS_24MHZ
            0x60 => 0,                                             // SYS_MISC
            0x84 => 0x0C00_0191,                                   // SYS_PROCID0: Cortex-A9 tile
            0x88 => 0xFF00_0000,                                   // SYS_PROCID1: no tile
            0xA0 => _cfgData,
            0xA4 => _cfgCtrl,
            0xA8 => _cfgStat,
            _ => 0,
        };
        return true;
    }

    public bool Write(int core, uint offset, int size, uint value)
    {
        switch (offset)
        {
            case 0x08: _leds = value & 0xFF; break;
            case 0x30: _flags |= value; break;
            case 0x34: _flags &= ~value; break;
            case 0x38: _nvFlags |= value; break;
            case 0x3C: _nvFlags &= ~value; break;
            case 0xA0: _cfgData = value; break;
            case 0xA4: _cfgCtrl = value & ~(1u << 31); _cfgStat = 1; break; // configuration transfers complete at once
            case 0xA8: _cfgStat = value; break;
        }
        return true;
    }
}
