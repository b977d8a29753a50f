// The function and object symbols of an ELF image's .symtab, sorted by address for allocation-free lookup.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Codezero.Hal.ArmCortexA9.Boot;

/// <summary>
/// The FUNC and OBJECT symbols of an image (Thumb bit 0 cleared), read once at load time into arrays
/// sorted by address. <see cref="TryFind"/> is a binary search that allocates nothing, so a kernel
/// fault report can name the function a pc is in. An image without a .symtab (stripped), or with one
/// that is malformed, has no symbols: reports then give bare addresses.
/// </summary>
public sealed class ElfSymbols
{
    private const uint SectionSymbolTable = 2;
    private const int SectionHeaderSize = 40;
    private const int SymbolSize = 16;
    private const int TypeObject = 1;
    private const int TypeFunction = 2;
    private const int BindLocal = 0;

    private readonly uint[] _addresses;
    private readonly uint[] _sizes;
    private readonly string[] _names;

    private ElfSymbols(uint[] addresses, uint[] sizes, string[] names)
    {
        _addresses = addresses;
        _sizes = sizes;
        _names = names;
    }

    /// <summary>No symbols.</summary>
    public static ElfSymbols Empty { get; } = new([], [], []);

    public int Count => _addresses.Length;

    /// <summary>The <paramref name="index"/>th symbol by address: its name, address and size (0: unknown).</summary>
    public string Name(int index) => _names[index];

    public uint Address(int index) => _addresses[index];

    public uint Size(int index) => _sizes[index];

    /// <summary>
    /// The symbol <paramref name="address"/> lies in: the last one starting at or below it, provided the
    /// address is inside its size (a symbol of unknown size reaches to the next one; the last such symbol
    /// covers only its own address). Allocates nothing.
    /// </summary>
    public bool TryFind(uint address, out int index)
    {
        int low = 0, high = _addresses.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            if (_addresses[middle] <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        index = found;
        if (found < 0)
        {
            return false;
        }
        if (_sizes[found] != 0)
        {
            return address - _addresses[found] < _sizes[found];
        }
        return found + 1 < _addresses.Length ? address < _addresses[found + 1] : address == _addresses[found];
    }

    /// <summary>"name+0xoffset" (just "name" at its start) for an address inside a symbol, else null.</summary>
    public string? Describe(uint address)
    {
        if (!TryFind(address, out int i))
        {
            return null;
        }
        uint offset = address - _addresses[i];
        return offset == 0 ? _names[i] : $"{_names[i]}+0x{offset:x}";
    }

    /// <summary>
    /// Reads the symbols of a little-endian ELF32 file whose header has already been validated. Never
    /// throws: a missing or malformed symbol table gives <see cref="Empty"/>. Where several symbols
    /// share an address, a function wins over an object, then a sized symbol over one of unknown size,
    /// then a global over a local.
    /// </summary>
    public static ElfSymbols Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 52)
        {
            return Empty;
        }
        uint shoff = BinaryPrimitives.ReadUInt32LittleEndian(file[32..]);
        ushort shentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[46..]);
        ushort shnum = BinaryPrimitives.ReadUInt16LittleEndian(file[48..]);
        if (shoff == 0 || shentsize != SectionHeaderSize || (ulong)shoff + (ulong)shnum * SectionHeaderSize > (ulong)file.Length)
        {
            return Empty;
        }
        for (int s = 0; s < shnum; s++)
        {
            ReadOnlySpan<byte> section = file.Slice((int)(shoff + (uint)s * SectionHeaderSize), SectionHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(section[4..]) != SectionSymbolTable)
            {
                continue;
            }
            uint link = BinaryPrimitives.ReadUInt32LittleEndian(section[24..]);
            if (link >= shnum)
            {
                return Empty;
            }
            ReadOnlySpan<byte> strings = file.Slice((int)(shoff + link * SectionHeaderSize), SectionHeaderSize);
            if (!TrySlice(file, section, out ReadOnlySpan<byte> symbols) || !TrySlice(file, strings, out ReadOnlySpan<byte> names))
            {
                return Empty;
            }
            return FromTable(symbols, names);
        }
        return Empty;
    }

    /// <summary>The bytes a section header's offset (byte 16) and size (byte 20) describe, when they are inside the file.</summary>
    private static bool TrySlice(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header, out ReadOnlySpan<byte> bytes)
    {
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        if ((ulong)offset + size > (ulong)file.Length)
        {
            bytes = default;
            return false;
        }
        bytes = file.Slice((int)offset, (int)size);
        return true;
    }

    private static ElfSymbols FromTable(ReadOnlySpan<byte> symbols, ReadOnlySpan<byte> names)
    {
        var found = new List<(uint Address, uint Size, int Rank, string Name)>();
        for (int at = SymbolSize; at + SymbolSize <= symbols.Length; at += SymbolSize) // entry 0 is the null symbol
        {
            ReadOnlySpan<byte> symbol = symbols.Slice(at, SymbolSize);
            uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(symbol);
            uint value = BinaryPrimitives.ReadUInt32LittleEndian(symbol[4..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(symbol[8..]);
            int type = symbol[12] & 0xF;
            int bind = symbol[12] >> 4;
            ushort sectionIndex = BinaryPrimitives.ReadUInt16LittleEndian(symbol[14..]);
            if ((type != TypeFunction && type != TypeObject) || sectionIndex == 0 || nameOffset >= names.Length)
            {
                continue;
            }
            ReadOnlySpan<byte> rest = names[(int)nameOffset..];
            int end = rest.IndexOf((byte)0);
            if (end <= 0)
            {
                continue;
            }
            string name = Encoding.UTF8.GetString(rest[..end]);
            uint address = type == TypeFunction ? value & ~1u : value; // bit 0 of a function marks Thumb code
            int rank = (type == TypeFunction ? 4 : 0) + (size != 0 ? 2 : 0) + (bind == BindLocal ? 0 : 1);
            found.Add((address, size, rank, name));
        }
        found.Sort((a, b) => a.Address != b.Address ? a.Address.CompareTo(b.Address) : b.Rank.CompareTo(a.Rank));
        var addresses = new List<uint>(found.Count);
        var sizes = new List<uint>(found.Count);
        var symbolNames = new List<string>(found.Count);
        foreach ((uint address, uint size, int _, string name) in found)
        {
            if (addresses.Count > 0 && addresses[^1] == address)
            {
                continue; // an alias: the best-ranked name at this address came first
            }
            addresses.Add(address);
            sizes.Add(size);
            symbolNames.Add(name);
        }
        return new ElfSymbols(addresses.ToArray(), sizes.ToArray(), symbolNames.ToArray());
    }
}
