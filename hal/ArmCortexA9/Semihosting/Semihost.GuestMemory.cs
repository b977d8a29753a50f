// Non-faulting access to guest memory for semihosting parameter blocks and buffers.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

public sealed unsafe partial class Semihost
{
    /// <summary>
    /// Translates <paramref name="va"/> as the calling core would (without raising an abort) and returns
    /// the host address of that byte and how many bytes from it, up to <paramref name="max"/>, stay in
    /// the same 4 KiB page. Null when the address does not translate or is not RAM.
    /// </summary>
    private byte* GuestBytes(ArmCore core, uint va, uint max, bool write, out uint length)
    {
        length = 0;
        if (!core.Translate(va, write ? AccessKind.Write : AccessKind.Read, core.IsUserMode, out uint pa, out _))
        {
            return null;
        }
        byte* host = _board.Memory.HostPointer(pa);
        if (host == null)
        {
            return null;
        }
        length = Math.Min(0x1000 - (va & 0xFFF), max);
        return host;
    }

    /// <summary>Copies guest memory out; false when any byte is not readable RAM.</summary>
    private bool CopyFromGuest(ArmCore core, uint va, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            byte* host = GuestBytes(core, va + (uint)done, (uint)(destination.Length - done), write: false, out uint length);
            if (host == null)
            {
                return false;
            }
            new ReadOnlySpan<byte>(host, (int)length).CopyTo(destination[done..]);
            done += (int)length;
        }
        return true;
    }

    /// <summary>Copies into guest memory, keeping decoded code coherent; false when any byte is not writable RAM.</summary>
    private bool CopyToGuest(ArmCore core, uint va, ReadOnlySpan<byte> source)
    {
        int done = 0;
        while (done < source.Length)
        {
            byte* host = GuestBytes(core, va + (uint)done, (uint)(source.Length - done), write: true, out uint length);
            if (host == null)
            {
                return false;
            }
            source.Slice(done, (int)length).CopyTo(new Span<byte>(host, (int)length));
            GuestWritten(host, length);
            done += (int)length;
        }
        return true;
    }

    /// <summary>Tells the code cache that the host wrote guest RAM (semihosting READ, GET_CMDLINE...).</summary>
    private void GuestWritten(byte* host, uint length)
    {
        if (length == 0)
        {
            return;
        }
        uint offset = (uint)(host - _board.Memory.Ram);
        if (_board.Code.IsCode(offset >> 12))
        {
            _board.Code.OnWrite(offset, (int)length);
        }
    }

    /// <summary>Reads word <paramref name="index"/> of a parameter block; false when it is not readable.</summary>
    private bool TryReadArgument(ArmCore core, uint block, int index, out uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        bool ok = CopyFromGuest(core, block + (uint)(4 * index), bytes);
        value = ok ? (uint)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) : 0;
        return ok;
    }

    /// <summary>Writes word <paramref name="index"/> of a parameter block; false when it is not writable.</summary>
    private bool TryWriteArgument(ArmCore core, uint block, int index, uint value)
    {
        Span<byte> bytes = [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
        return CopyToGuest(core, block + (uint)(4 * index), bytes);
    }

    /// <summary>Reads a guest string of known length into the name buffer; false on a fault or an over-long name.</summary>
    private bool TryReadName(ArmCore core, uint va, uint length, out string name)
    {
        name = string.Empty;
        if (length > (uint)_nameBuffer.Length)
        {
            return false;
        }
        Span<byte> bytes = _nameBuffer.AsSpan(0, (int)length);
        if (!CopyFromGuest(core, va, bytes))
        {
            return false;
        }
        int nul = bytes.IndexOf((byte)0);
        name = System.Text.Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
        return true;
    }
}
