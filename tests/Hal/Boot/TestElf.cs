// Test helper: builds small ELF32 files (and tiny hand-assembled ARM programs) byte by byte.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Codezero.Tests.Hal.Boot;

/// <summary>An ELF file under construction; every header field can be set wrong on purpose.</summary>
public sealed class TestElf
{
    public const uint CodeBase = 0x6001_0000;

    public byte Class { get; set; } = 1;
    public byte DataEncoding { get; set; } = 1;
    public ushort Type { get; set; } = 2;
    public ushort Machine { get; set; } = 40;
    public uint Entry { get; set; } = CodeBase;

    /// <summary>Program headers in order: type, physical address, virtual address, file bytes, memory size.</summary>
    public List<(uint Type, uint PhysicalAddress, uint VirtualAddress, byte[] Data, uint MemorySize)> Segments { get; } = new();

    public TestElf Load(uint address, byte[] data, uint memorySize = 0)
    {
        Segments.Add((1, address, address, data, Math.Max(memorySize, (uint)data.Length)));
        return this;
    }

    /// <summary>An executable whose only segment holds <paramref name="words"/> at <see cref="CodeBase"/>.</summary>
    public static TestElf Program(params uint[] words) => new TestElf().Load(CodeBase, Words(words));

    public static byte[] Words(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), words[i]);
        }
        return bytes;
    }

    public byte[] Build()
    {
        const int headerSize = 52;
        const int phSize = 32;
        int dataStart = headerSize + phSize * Segments.Count;
        int total = dataStart;
        foreach (var s in Segments)
        {
            total += s.Data.Length;
        }
        var file = new byte[total];
        Span<byte> f = file;
        f[0] = 0x7F;
        f[1] = (byte)'E';
        f[2] = (byte)'L';
        f[3] = (byte)'F';
        f[4] = Class;
        f[5] = DataEncoding;
        f[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(f[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(f[18..], Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(f[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(f[24..], Entry);
        BinaryPrimitives.WriteUInt32LittleEndian(f[28..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(f[40..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(f[42..], phSize);
        BinaryPrimitives.WriteUInt16LittleEndian(f[44..], (ushort)Segments.Count);
        int offset = dataStart;
        for (int i = 0; i < Segments.Count; i++)
        {
            var s = Segments[i];
            Span<byte> ph = f.Slice(headerSize + i * phSize, phSize);
            BinaryPrimitives.WriteUInt32LittleEndian(ph, s.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], s.VirtualAddress);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], s.PhysicalAddress);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)s.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], s.MemorySize);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 5);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[28..], 4);
            s.Data.CopyTo(f[offset..]);
            offset += s.Data.Length;
        }
        return file;
    }

    // ---- A few A32 encodings, enough for semihosting test programs.

    /// <summary>MOVW Rd, #imm16.</summary>
    public static uint Movw(int rd, uint imm16) => 0xE300_0000 | ((imm16 >> 12) << 16) | ((uint)rd << 12) | (imm16 & 0xFFF);

    /// <summary>MOVT Rd, #imm16.</summary>
    public static uint Movt(int rd, uint imm16) => 0xE340_0000 | ((imm16 >> 12) << 16) | ((uint)rd << 12) | (imm16 & 0xFFF);

    /// <summary>MOV Rd, #imm8.</summary>
    public static uint Mov(int rd, uint imm8) => 0xE3A0_0000 | ((uint)rd << 12) | imm8;

    /// <summary>SVC 0x123456: a semihosting call in ARM state.</summary>
    public const uint SemihostingSvc = 0xEF12_3456;

    /// <summary>B . (loops forever).</summary>
    public const uint BranchToSelf = 0xEAFF_FFFE;

    /// <summary>WFI.</summary>
    public const uint Wfi = 0xE320_F003;

    /// <summary>The two instructions that load a 32-bit constant.</summary>
    public static uint[] Load32(int rd, uint value) => [Movw(rd, value & 0xFFFF), Movt(rd, value >> 16)];

    /// <summary>A program that exits through SYS_EXIT_EXTENDED with {ApplicationExit, <paramref name="status"/>}.</summary>
    public static TestElf ExitWith(uint status)
    {
        const uint block = CodeBase + 0x100;
        var code = new List<uint> { Mov(0, 0x20) };
        code.AddRange(Load32(1, block));
        code.Add(SemihostingSvc);
        code.Add(BranchToSelf);
        while (code.Count < 0x40)
        {
            code.Add(0);
        }
        code.Add(0x2_0026);
        code.Add(status);
        return Program(code.ToArray());
    }

    /// <summary>A program that prints its semihosting command line (GET_CMDLINE + WRITE0) and exits with status 0.</summary>
    public static TestElf EchoCommandLine()
    {
        const uint block = CodeBase + 0x100;
        const uint buffer = CodeBase + 0x200;
        var code = new List<uint> { Mov(0, 0x15) };
        code.AddRange(Load32(1, block));
        code.Add(SemihostingSvc);            // GET_CMDLINE {buffer, 256}
        code.Add(Mov(0, 0x04));
        code.AddRange(Load32(1, buffer));
        code.Add(SemihostingSvc);            // WRITE0 buffer
        code.Add(Mov(0, 0x18));
        code.AddRange(Load32(1, 0x2_0026));
        code.Add(SemihostingSvc);            // EXIT ApplicationExit
        code.Add(BranchToSelf);
        while (code.Count < 0x40)
        {
            code.Add(0);
        }
        code.Add(buffer);
        code.Add(256);
        return new TestElf().Load(CodeBase, Words(code.ToArray()), 0x300);
    }
}
