// The host side of the guest console: a buffered byte sink shared by UART0 and semihosting.
using System.IO;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>Buffers guest console bytes and hands them to a host stream; no allocation per byte.</summary>
public sealed class ConsoleSink
{
    private readonly Stream? _output;
    private readonly byte[] _buffer = new byte[4096];
    private int _count;

    public ConsoleSink(Stream? output) => _output = output;

    /// <summary>Bytes written by the guest since boot.</summary>
    public long BytesWritten { get; private set; }

    public void Write(byte value)
    {
        if (_count == _buffer.Length)
        {
            Flush();
        }
        _buffer[_count++] = value;
        BytesWritten++;
        if (value == (byte)'\n')
        {
            Flush();
        }
    }

    /// <summary>Writes a run of bytes (kernel console output), flushing at each newline as byte writes do.</summary>
    public void Write(System.ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            Write(b);
        }
    }

    public void Flush()
    {
        if (_count > 0)
        {
            _output?.Write(_buffer, 0, _count);
            _count = 0;
        }
        _output?.Flush();
    }
}
