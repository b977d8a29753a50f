// Formats kernel console lines into a caller's buffer: text and hex, with no allocation.
using System;

namespace Codezero.Kernel.Diagnostics;

/// <summary>A cursor over a stack buffer (used in place, never copied); output past its end is dropped.</summary>
public ref struct KernelLog
{
    private readonly Span<byte> _buffer;
    private int _length;

    public KernelLog(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Append(char c)
    {
        if (_length < _buffer.Length)
        {
            _buffer[_length++] = (byte)c;
        }
    }

    public void Append(string text)
    {
        foreach (char c in text)
        {
            Append(c);
        }
    }

    /// <summary>0x followed by eight hex digits.</summary>
    public void Hex(uint value)
    {
        Append('0');
        Append('x');
        for (int shift = 28; shift >= 0; shift -= 4)
        {
            Append("0123456789abcdef"[(int)((value >> shift) & 0xF)]);
        }
    }

    /// <summary>0x followed by the hex digits without leading zeros (an offset: 0x1c).</summary>
    public void HexShort(uint value)
    {
        Append('0');
        Append('x');
        int shift = 28;
        while (shift > 0 && (value >> shift) == 0)
        {
            shift -= 4;
        }
        for (; shift >= 0; shift -= 4)
        {
            Append("0123456789abcdef"[(int)((value >> shift) & 0xF)]);
        }
    }

    public void Decimal(long value)
    {
        if (value < 0)
        {
            Append('-');
            value = -value;
        }
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        while (n > 0)
        {
            Append((char)digits[--n]);
        }
    }
}
