// ElfImage.Parse: what it accepts, and the exact one-line message for each kind of bad file.
using System;
using Codezero.Hal.ArmCortexA9.Boot;
using Xunit;

namespace Codezero.Tests.Hal.Boot;

public sealed class ElfImageTests
{
    private static string ErrorOf(byte[] file)
        => Assert.Throws<ElfFormatException>(() => ElfImage.Parse(file, "prog.elf")).Message;

    [Fact]
    public void Parse_ValidExecutable_ReturnsEntryAndLoadSegments()
    {
        byte[] file = TestElf.Program(0xE1A0_0000, 0xEAFF_FFFE).Load(0x6002_0000, [1, 2, 3], memorySize: 0x100).Build();

        ElfImage image = ElfImage.Parse(file, "prog.elf");

        Assert.Equal(TestElf.CodeBase, image.Entry);
        Assert.Equal(2, image.Segments.Length);
        Assert.Equal(TestElf.CodeBase, image.Segments[0].PhysicalAddress);
        Assert.Equal(8, image.Segments[0].Data.Length);
        Assert.Equal(0x6002_0000u, image.Segments[1].PhysicalAddress);
        Assert.Equal(new byte[] { 1, 2, 3 }, image.Segments[1].Data.ToArray());
        Assert.Equal(0x100u, image.Segments[1].MemorySize);
    }

    [Fact]
    public void Parse_BadMagic_SaysNotAnElfFile()
    {
        Assert.Equal("prog.elf: not an ELF file (bad magic)", ErrorOf("#!/bin/sh\necho hi\n"u8.ToArray()));
    }

    [Fact]
    public void Parse_EmptyFile_SaysNotAnElfFile()
    {
        Assert.Equal("prog.elf: not an ELF file (empty file)", ErrorOf([]));
    }

    [Fact]
    public void Parse_TruncatedHeader_SaysHowManyBytesAreMissing()
    {
        byte[] file = TestElf.Program(0).Build()[..20];
        Assert.Equal("prog.elf: truncated: the ELF header needs 52 bytes, the file has 20", ErrorOf(file));
    }

    [Fact]
    public void Parse_TruncatedProgramHeaders_NamesTheHeaderPastTheEnd()
    {
        var elf = new TestElf().Load(TestElf.CodeBase, []).Load(TestElf.CodeBase + 0x1000, []).Load(TestElf.CodeBase + 0x2000, []);
        byte[] file = elf.Build()[..(52 + 2 * 32 + 10)];
        Assert.Equal("prog.elf: truncated: program header 2 extends past end of file", ErrorOf(file));
    }

    [Fact]
    public void Parse_SegmentPastEndOfFile_IsTruncated()
    {
        byte[] file = TestElf.Program(1, 2, 3, 4).Build();
        byte[] cut = file[..(file.Length - 4)];
        Assert.Equal("prog.elf: truncated: segment 0 (offset 0x54, 0x10 bytes) extends past end of file", ErrorOf(cut));
    }

    [Fact]
    public void Parse_X86_64Machine_NamesItAndExpectsArm()
    {
        var elf = TestElf.Program(0);
        elf.Machine = 62;
        Assert.Equal("prog.elf: ELF machine is x86-64 (62), expected ARM (40)", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_UnknownMachine_GivesTheNumber()
    {
        var elf = TestElf.Program(0);
        elf.Machine = 1234;
        Assert.Equal("prog.elf: ELF machine is 1234, expected ARM (40)", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_64BitClass_IsRejected()
    {
        var elf = TestElf.Program(0);
        elf.Class = 2;
        Assert.Equal("prog.elf: ELF class is 64-bit, expected 32-bit", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_BigEndian_IsRejected()
    {
        var elf = TestElf.Program(0);
        elf.DataEncoding = 2;
        Assert.Equal("prog.elf: ELF data is big-endian, expected little-endian", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_SharedObject_IsNotAnExecutable()
    {
        var elf = TestElf.Program(0);
        elf.Type = 3;
        Assert.Equal("prog.elf: ELF type is a shared object (3), expected an executable (2)", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_FileSizeLargerThanMemorySize_IsRejected()
    {
        var elf = new TestElf();
        elf.Segments.Add((1, TestElf.CodeBase, TestElf.CodeBase, new byte[16], 8));
        Assert.Equal("prog.elf: segment 0: file size 0x10 is larger than memory size 0x8", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_NoLoadSegments_IsRejected()
    {
        var elf = new TestElf();
        elf.Segments.Add((0x7000_0001, TestElf.CodeBase, TestElf.CodeBase, new byte[8], 8)); // EXIDX only
        Assert.Equal("prog.elf: no loadable (PT_LOAD) segments", ErrorOf(elf.Build()));
    }

    [Fact]
    public void Parse_NonLoadSegments_AreSkipped()
    {
        var elf = TestElf.Program(0);
        elf.Segments.Insert(0, (0x7000_0001, TestElf.CodeBase, TestElf.CodeBase, new byte[8], 8));
        ElfImage image = ElfImage.Parse(elf.Build(), "prog.elf");
        Assert.Equal(1, image.Segments.Length);
        Assert.Equal(1, image.Segments[0].Index);
    }
}
