// Recognises a libl4 program (a Codezero kernel user program) by the ELF note libl4's crt0.S puts in every one.
using System;
using System.Buffers.Binary;

namespace Codezero.Cli;

/// <summary>
/// guests/libl4/src/crt0.S emits a note named "Codezero" of type <see cref="TypeL4Program"/>, and
/// guests/libl4/l4.ld gives it a PT_NOTE program header, so it survives <c>strip</c>. A bare-metal ELF
/// has no such note; <c>run</c> and <c>compare-qemu</c> refuse one that does.
/// </summary>
public static class L4ProgramNote
{
    public const string Name = "Codezero";
    public const uint TypeL4Program = 1;

    private const uint ProgramNote = 4;

    /// <summary>True when <paramref name="elf"/> (already accepted by ElfImage.Parse: ELF32, little-endian) carries the note.</summary>
    public static bool IsIn(ReadOnlySpan<byte> elf)
    {
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(elf[28..]);
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[42..]);
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[44..]);
        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)(i * phentsize);
            if (at + 32 > (ulong)elf.Length)
            {
                return false;
            }
            ReadOnlySpan<byte> ph = elf.Slice((int)at, 32);
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) == ProgramNote && (ulong)offset + size <= (ulong)elf.Length
                && HasNote(elf.Slice((int)offset, (int)size)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Walks one PT_NOTE segment: namesz, descsz, type, then name and descriptor, each padded to 4 bytes.</summary>
    private static bool HasNote(ReadOnlySpan<byte> notes)
    {
        while (notes.Length >= 12)
        {
            uint nameSize = BinaryPrimitives.ReadUInt32LittleEndian(notes);
            uint descSize = BinaryPrimitives.ReadUInt32LittleEndian(notes[4..]);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(notes[8..]);
            ulong total = 12 + Pad(nameSize) + Pad(descSize);
            if (total > (ulong)notes.Length)
            {
                return false;
            }
            ReadOnlySpan<byte> name = notes.Slice(12, (int)nameSize);
            if (type == TypeL4Program && name.Length == Name.Length + 1 && name[^1] == 0
                && name[..^1].SequenceEqual(System.Text.Encoding.ASCII.GetBytes(Name)))
            {
                return true;
            }
            notes = notes[(int)total..];
        }
        return false;
    }

    private static ulong Pad(uint size) => ((ulong)size + 3) & ~3UL;
}
