// PL011 UART: transmit to the host console, receive from host input through a FIFO, interrupts to the GIC, PrimeCell ID.
using System;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The PL011 as a guest sees it on vexpress-a9 UART0 (GIC SPI 37), following QEMU 7.2's pl011.
/// <para>
/// Transmit is instantaneous: TXFE is always set, TXFF never, and every DR write raises the TX
/// interrupt, which stays raised until cleared through ICR (QEMU does exactly this; it never raises TX
/// merely because the FIFO is empty, so neither do we).
/// </para>
/// <para>
/// Receive: a 16-byte FIFO when LCR_H.FEN is set, a 1-byte holding register otherwise (toggling FEN
/// empties it). Host bytes come from <see cref="HostInput"/> and are offered to the FIFO whenever the
/// guest reads FR, DR, RIS or MIS and whenever the board polls (<see cref="PollInput"/>, after each slice).
/// The RX interrupt rises when the FIFO goes from empty to one byte (QEMU's trigger level is always 1
/// whatever IFLS says) and falls when a DR read empties it or ICR clears it. The receive-timeout (RT)
/// interrupt can be masked and cleared but is never raised, as in QEMU: RX already fires on the first byte.
/// Error bits (DR[11:8], RSR) are never set.
/// </para>
/// The interrupt output is (RIS and IMSC) != 0, driven as a level on the GIC SPI given at construction.
/// <para>Locking: <c>_lock</c> guards every field; the GIC lock may be taken inside it.</para>
/// </summary>
public sealed class Pl011Uart : IMmioDevice, IDisposable
{
    private const uint FrRxfe = 1 << 4;
    private const uint FrRxff = 1 << 6;
    private const uint FrTxfe = 1 << 7;
    private const uint IntRx = 1 << 4;
    private const uint IntTx = 1 << 5;
    private const uint LcrFen = 1 << 4;
    private const int FifoSize = 16;

    private readonly ConsoleSink _console;
    private readonly Gic? _gic;
    private readonly int _spi;
    private readonly HostInput? _input;
    private readonly ushort[] _rxFifo = new ushort[FifoSize];
    private DeviceSpinLock _lock;
    private int _rxPos;
    private int _rxCount;
    private uint _ris;
    private uint _cr = 0x300;
    private uint _imsc;
    private uint _ibrd, _fbrd, _lcrh, _ifls = 0x12, _dmacr, _ilpr;
    private bool _irqLevel;

    /// <param name="console">Where transmitted bytes go.</param>
    /// <param name="gic">The interrupt controller (null: no interrupt output).</param>
    /// <param name="spi">The GIC interrupt ID of this UART's combined interrupt (UART0: 37).</param>
    /// <param name="input">Host bytes to receive (null: the receive FIFO stays empty).</param>
    public Pl011Uart(ConsoleSink console, Gic? gic = null, int spi = 37, HostInput? input = null)
    {
        _console = console;
        _gic = gic;
        _spi = spi;
        _input = input;
    }

    public uint Size => 0x1000;

    private int Depth => (_lcrh & LcrFen) != 0 ? FifoSize : 1;

    public bool Read(int core, uint offset, int size, out uint value)
    {
        _lock.Enter();
        switch (offset)
        {
            case 0x000: value = ReadData(); break;
            case 0x004: value = 0; break; // RSR: no receive errors
            case 0x018:
                Fill();
                value = Flags();
                break;
            case 0x020: value = _ilpr; break;
            case 0x024: value = _ibrd; break;
            case 0x028: value = _fbrd; break;
            case 0x02C: value = _lcrh; break;
            case 0x030: value = _cr; break;
            case 0x034: value = _ifls; break;
            case 0x038: value = _imsc; break;
            case 0x03C:
                Fill();
                value = _ris;
                break;
            case 0x040:
                Fill();
                value = _ris & _imsc;
                break;
            case 0x048: value = _dmacr; break;
            case 0xFE0: value = 0x11; break;
            case 0xFE4: value = 0x10; break;
            case 0xFE8: value = 0x14; break;
            case 0xFEC: value = 0x00; break;
            case 0xFF0: value = 0x0D; break;
            case 0xFF4: value = 0xF0; break;
            case 0xFF8: value = 0x05; break;
            case 0xFFC: value = 0xB1; break;
            default: value = 0; break;
        }
        UpdateIrq();
        _lock.Exit();
        return true;
    }

    public bool Write(int core, uint offset, int size, uint value)
    {
        _lock.Enter();
        switch (offset)
        {
            case 0x000:
                _console.Write((byte)value);
                _ris |= IntTx;
                break;
            case 0x020: _ilpr = value & 0xFF; break;
            case 0x024: _ibrd = value & 0xFFFF; break;
            case 0x028: _fbrd = value & 0x3F; break;
            case 0x02C:
                if (((_lcrh ^ value) & LcrFen) != 0)
                {
                    _rxCount = 0; // enabling or disabling the FIFO empties it
                    _rxPos = 0;
                }
                _lcrh = value & 0xFF;
                break;
            case 0x030: _cr = value & 0xFF87; break;
            case 0x034: _ifls = value & 0x3F; break;
            case 0x038: _imsc = value & 0x7FF; break;
            case 0x044: _ris &= ~value; break;
            case 0x048: _dmacr = value & 7; break;
        }
        UpdateIrq();
        _lock.Exit();
        return true;
    }

    /// <summary>Offers any host bytes that have arrived to the receive FIFO (the board calls it after each slice).</summary>
    public void PollInput()
    {
        if (_input == null)
        {
            return;
        }
        _lock.Enter();
        Fill();
        UpdateIrq();
        _lock.Exit();
    }

    /// <summary>True while the host input stream has not ended, so a received byte may still come.</summary>
    public bool InputMayArrive => _input != null && !_input.Ended;

    public void Dispose() => _input?.Dispose();

    // Lock held.
    private uint Flags()
    {
        uint flags = FrTxfe;
        if (_rxCount == 0)
        {
            flags |= FrRxfe;
        }
        if (_rxCount >= Depth)
        {
            flags |= FrRxff;
        }
        return flags;
    }

    // Lock held. DR read: the oldest byte (an empty FIFO returns the stale slot, as QEMU).
    private uint ReadData()
    {
        Fill();
        uint c = _rxFifo[_rxPos];
        if (_rxCount > 0)
        {
            _rxCount--;
            _rxPos = (_rxPos + 1) % FifoSize;
            if (_rxCount == 0)
            {
                _ris &= ~IntRx;
            }
        }
        return c;
    }

    // Lock held.
    private void Fill()
    {
        if (_input == null)
        {
            return;
        }
        int depth = Depth;
        while (_rxCount < depth && _input.TryRead(out byte b))
        {
            _rxFifo[(_rxPos + _rxCount) % FifoSize] = b;
            _rxCount++;
            if (_rxCount == 1)
            {
                _ris |= IntRx;
            }
        }
    }

    // Lock held.
    private void UpdateIrq()
    {
        bool level = (_ris & _imsc) != 0;
        if (level != _irqLevel)
        {
            _irqLevel = level;
            _gic?.SetSpiLevel(_spi, level);
        }
    }
}
