// The host side of the guest console: a buffered byte sink shared by UART0 and semihosting.
using System.IO;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// Buffers guest console bytes and hands them to a host stream; no allocation per byte. Its own lock
/// orders writers that hold different locks of their own: UART0 (its device lock, on a core's thread)
/// and the kernel's console (the kernel lock, on another core's thread in parallel mode).
/// </summary>
public sealed class ConsoleSink
{
    private readonly Stream? _output;
    private readonly byte[] _buffer = new byte[4096];
    private int _count;
    private DeviceSpinLock _lock;

    public ConsoleSink(Stream? output) => _output = output;

    /// <summary>Bytes written by the guest since boot.</summary>
    public long BytesWritten { get; private set; }

    public void Write(byte value)
    {
        _lock.Enter();
        Append(value);
        _lock.Exit();
    }

    /// <summary>Writes a run of bytes (kernel console output), flushing at each newline as byte writes do.</summary>
    public void Write(System.ReadOnlySpan<byte> text)
    {
        _lock.Enter();
        foreach (byte b in text)
        {
            Append(b);
        }
        _lock.Exit();
    }

    public void Flush()
    {
        _lock.Enter();
        FlushLocked();
        _lock.Exit();
    }

    private void Append(byte value)
    {
        if (_count == _buffer.Length)
        {
            FlushLocked();
        }
        _buffer[_count++] = value;
        BytesWritten++;
        if (value == (byte)'\n')
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (_count > 0)
        {
            _output?.Write(_buffer, 0, _count);
            _count = 0;
        }
        _output?.Flush();
    }
}
