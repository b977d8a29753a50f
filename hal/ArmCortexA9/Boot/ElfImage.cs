// Parses and validates an ELF32 little-endian ARM executable into its entry point and loadable segments.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>
/// An ARM executable as the board's loader needs it. <see cref="Parse"/> checks everything it relies
/// on (class, byte order, machine, type, program headers and PT_LOAD segments in bounds) and reports
/// the first problem as one line through <see cref="ElfFormatException"/>.
/// </summary>
public sealed class ElfImage
{
    public const ushort MachineArm = 40;
    public const ushort TypeExecutable = 2;
    public const uint ProgramLoad = 1;

    private const int HeaderSize = 52;
    private const int ProgramHeaderSize = 32;

    private readonly ElfSegment[] _segments;

    private ElfImage(string displayName, uint entry, ElfSegment[] segments, ElfSymbols symbols)
    {
        DisplayName = displayName;
        Entry = entry;
        _segments = segments;
        Symbols = symbols;
    }

    /// <summary>The name used in messages (usually the file name as the user gave it).</summary>
    public string DisplayName { get; }

    /// <summary>e_entry; bit 0 set means a Thumb entry point.</summary>
    public uint Entry { get; }

    /// <summary>The PT_LOAD segments, in program-header order.</summary>
    public ReadOnlySpan<ElfSegment> Segments => _segments;

    /// <summary>Its function and object symbols from .symtab (none when the image is stripped), for naming addresses in reports.</summary>
    public ElfSymbols Symbols { get; }

    /// <summary>Validates <paramref name="file"/> and copies what the loader needs out of it.</summary>
    public static ElfImage Parse(ReadOnlySpan<byte> file, string displayName)
    {
        string name = displayName;
        if (file.Length < 4 || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
        {
            throw Fail(name, file.Length == 0 ? "not an ELF file (empty file)" : "not an ELF file (bad magic)");
        }
        if (file.Length < HeaderSize)
        {
            throw Fail(name, $"truncated: the ELF header needs {HeaderSize} bytes, the file has {file.Length}");
        }
        if (file[4] != 1)
        {
            throw Fail(name, file[4] == 2 ? "ELF class is 64-bit, expected 32-bit" : $"unknown ELF class {file[4]}, expected 32-bit (1)");
        }
        if (file[5] != 1)
        {
            throw Fail(name, file[5] == 2 ? "ELF data is big-endian, expected little-endian" : $"unknown ELF data encoding {file[5]}, expected little-endian (1)");
        }
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(file[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
        uint entry = BinaryPrimitives.ReadUInt32LittleEndian(file[24..]);
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(file[28..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[42..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(file[44..]);
        if (machine != MachineArm)
        {
            throw Fail(name, $"ELF machine is {MachineName(machine)}, expected ARM ({MachineArm})");
        }
        if (type != TypeExecutable)
        {
            throw Fail(name, $"ELF type is {TypeName(type)}, expected an executable ({TypeExecutable})");
        }
        if (phnum == 0)
        {
            throw Fail(name, "no program headers");
        }
        if (phentsize != ProgramHeaderSize)
        {
            throw Fail(name, $"program header size is {phentsize}, expected {ProgramHeaderSize}");
        }

        for (int i = 0; i < phnum; i++)
        {
            if (phoff + (ulong)(i + 1) * ProgramHeaderSize > (ulong)file.Length)
            {
                throw Fail(name, $"truncated: program header {i} extends past end of file");
            }
        }

        var segments = new List<ElfSegment>();
        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)i * ProgramHeaderSize;
            ReadOnlySpan<byte> ph = file.Slice((int)at, ProgramHeaderSize);
            uint pType = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            if (pType != ProgramLoad)
            {
                continue;
            }
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint vaddr = BinaryPrimitives.ReadUInt32LittleEndian(ph[8..]);
            uint paddr = BinaryPrimitives.ReadUInt32LittleEndian(ph[12..]);
            uint filesz = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            uint memsz = BinaryPrimitives.ReadUInt32LittleEndian(ph[20..]);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(ph[24..]);
            if (filesz > memsz)
            {
                throw Fail(name, $"segment {i}: file size 0x{filesz:X} is larger than memory size 0x{memsz:X}");
            }
            if (filesz > 0 && (ulong)offset + filesz > (ulong)file.Length)
            {
                throw Fail(name, $"truncated: segment {i} (offset 0x{offset:X}, 0x{filesz:X} bytes) extends past end of file");
            }
            if ((ulong)paddr + memsz > 0x1_0000_0000UL)
            {
                throw Fail(name, $"segment {i}: 0x{paddr:X8} + 0x{memsz:X} wraps past the end of the 32-bit address space");
            }
            if (memsz == 0)
            {
                continue; // nothing to load (QEMU skips these too)
            }
            byte[] data = filesz == 0 ? [] : file.Slice((int)offset, (int)filesz).ToArray();
            segments.Add(new ElfSegment(i, paddr, vaddr, data, memsz, flags));
        }
        if (segments.Count == 0)
        {
            throw Fail(name, "no loadable (PT_LOAD) segments");
        }
        return new ElfImage(displayName, entry, segments.ToArray(), ElfSymbols.Read(file));
    }

    private static ElfFormatException Fail(string name, string problem) => new($"{name}: {problem}");

    private static string MachineName(ushort machine) => machine switch
    {
        0 => "none (0)",
        2 => "SPARC (2)",
        3 => "x86 (3)",
        8 => "MIPS (8)",
        20 => "PowerPC (20)",
        21 => "PowerPC64 (21)",
        22 => "S/390 (22)",
        43 => "SPARC V9 (43)",
        62 => "x86-64 (62)",
        183 => "AArch64 (183)",
        243 => "RISC-V (243)",
        258 => "LoongArch (258)",
        _ => machine.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string TypeName(ushort type) => type switch
    {
        0 => "none (0)",
        1 => "a relocatable object (1)",
        3 => "a shared object (3)",
        4 => "a core dump (4)",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
