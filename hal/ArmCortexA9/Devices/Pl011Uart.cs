// PL011 UART: transmit to the host console, flag and control registers, PrimeCell identification.
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The PL011 as a guest sees it on vexpress-a9 UART0. Transmission is instantaneous (TXFE always set,
/// TXFF never). Receive and interrupts arrive with Board 2; until then the receive FIFO reads empty.
/// </summary>
public sealed class Pl011Uart : IMmioDevice
{
    private const uint FrRxfe = 1 << 4;
    private const uint FrTxfe = 1 << 7;

    private readonly ConsoleSink _console;
    private uint _cr = 0x300;
    private uint _imsc;
    private uint _ibrd, _fbrd, _lcrh, _ifls = 0x12, _dmacr;

    public Pl011Uart(ConsoleSink console) => _console = console;

    public uint Size => 0x1000;

    public bool Read(int core, uint offset, int size, out uint value)
    {
        value = offset switch
        {
            0x000 => 0,                 // DR: receive FIFO empty
            0x004 => 0,                 // RSR/ECR
            0x018 => FrRxfe | FrTxfe,   // FR
            0x024 => _ibrd,
            0x028 => _fbrd,
            0x02C => _lcrh,
            0x030 => _cr,
            0x034 => _ifls,
            0x038 => _imsc,
            0x03C => 0,                 // RIS
            0x040 => 0,                 // MIS
            0x048 => _dmacr,
            0xFE0 => 0x11,
            0xFE4 => 0x10,
            0xFE8 => 0x14,
            0xFEC => 0x00,
            0xFF0 => 0x0D,
            0xFF4 => 0xF0,
            0xFF8 => 0x05,
            0xFFC => 0xB1,
            _ => 0,
        };
        return true;
    }

    public bool Write(int core, uint offset, int size, uint value)
    {
        switch (offset)
        {
            case 0x000: _console.Write((byte)value); break;
            case 0x024: _ibrd = value & 0xFFFF; break;
            case 0x028: _fbrd = value & 0x3F; break;
            case 0x02C: _lcrh = value & 0xFF; break;
            case 0x030: _cr = value & 0xFF87; break;
            case 0x034: _ifls = value & 0x3F; break;
            case 0x038: _imsc = value & 0x7FF; break;
            case 0x044: break;          // ICR: nothing is ever raised yet
            case 0x048: _dmacr = value & 7; break;
        }
        return true;
    }
}
