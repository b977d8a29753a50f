// Recognises a libl4 program (a program for the kernel, not bare metal) by the note libl4's crt0 puts in every one.
using System;
using System.Buffers.Binary;

namespace Codezero.Containers;

/// <summary>
/// libl4's <c>crt0.S</c> emits an ELF note, owner <c>"Codezero"</c>, type <see cref="NoteType"/> (any
/// descriptor is accepted; crt0's has none); <c>l4.ld</c> keeps it in a PT_NOTE segment. A program carries it exactly
/// when it starts at libl4's <c>_start</c>, which expects what the kernel gives a root thread (r0-r2, the
/// UTCB): a bare-metal (newlib) program lacks it. The note survives <c>strip</c> (it is in the program
/// headers), while a symbol such as <c>_start</c> would not, and newlib programs have a <c>_start</c> too.
/// One definition for every user: the manifest loader refuses a container image without the note, and
/// <c>codezero run</c> uses it to say that a kernel program needs <c>codezero kernel</c> or a manifest.
/// </summary>
public static class KernelImage
{
    /// <summary>The note's owner, as written in the ELF (NUL excluded).</summary>
    public const string NoteOwner = "Codezero";

    /// <summary>The note's type: "a libl4 program".</summary>
    public const uint NoteType = 1;

    private const uint ProgramNote = 4;
    private const int HeaderSize = 52, ProgramHeaderSize = 32;

    /// <summary>
    /// True when <paramref name="elf"/> (a whole ELF32 little-endian file) has a PT_NOTE segment holding
    /// libl4's note. Never throws: a malformed or truncated file is simply not a libl4 program.
    /// </summary>
    public static bool IsLibl4(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < HeaderSize || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 1 || elf[5] != 1)
        {
            return false;
        }
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(elf[28..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[42..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[44..]);
        if (phentsize != ProgramHeaderSize)
        {
            return false;
        }
        for (int i = 0; i < phnum; i++)
        {
            ulong at = phoff + (ulong)i * ProgramHeaderSize;
            if (at + ProgramHeaderSize > (ulong)elf.Length)
            {
                return false;
            }
            ReadOnlySpan<byte> ph = elf.Slice((int)at, ProgramHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != ProgramNote)
            {
                continue;
            }
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(ph[4..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(ph[16..]);
            if ((ulong)offset + size <= (ulong)elf.Length && HasNote(elf.Slice((int)offset, (int)size)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Walks the notes of one PT_NOTE segment: each is namesz, descsz, type, then name and descriptor padded to 4.</summary>
    private static bool HasNote(ReadOnlySpan<byte> notes)
    {
        while (notes.Length >= 12)
        {
            uint nameSize = BinaryPrimitives.ReadUInt32LittleEndian(notes);
            uint descSize = BinaryPrimitives.ReadUInt32LittleEndian(notes[4..]);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(notes[8..]);
            ulong nameEnd = 12 + (((ulong)nameSize + 3) & ~3UL);
            ulong end = nameEnd + (((ulong)descSize + 3) & ~3UL);
            if (end > (ulong)notes.Length)
            {
                return false;
            }
            if (type == NoteType && nameSize == NoteOwner.Length + 1 && notes[(12 + NoteOwner.Length)] == 0
                && notes.Slice(12, NoteOwner.Length).SequenceEqual("Codezero"u8))
            {
                return true;
            }
            notes = notes[(int)end..];
        }
        return false;
    }
}
