// ElfSymbols: the FUNC and OBJECT symbols of .symtab, Thumb bit cleared, found by address; none for a stripped or broken table.
using System;
using System.Buffers.Binary;
using System.IO;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Tests.Kernel;
using Xunit;

namespace Codezero.Tests.Hal.Boot;

public sealed class ElfSymbolsTests
{
    private static ElfImage Spin(GuestBuild build)
    {
        string path = KernelRun.L4Elf("spin", build);
        return ElfImage.Parse(File.ReadAllBytes(path), path);
    }

    private static int IndexOf(ElfSymbols symbols, string name)
    {
        for (int i = 0; i < symbols.Count; i++)
        {
            if (symbols.Name(i) == name)
            {
                return i;
            }
        }
        throw new Xunit.Sdk.XunitException($"no symbol {name}");
    }

    [Theory]
    [InlineData(GuestBuild.Arm)]
    [InlineData(GuestBuild.Thumb)]
    public void Functions_are_read_sorted_with_their_sizes_and_the_Thumb_bit_cleared(GuestBuild build)
    {
        ElfImage image = Spin(build);
        ElfSymbols symbols = image.Symbols;

        int start = IndexOf(symbols, "_start");
        Assert.Equal(image.Entry & ~1u, symbols.Address(start));
        Assert.Equal(build == GuestBuild.Thumb, (image.Entry & 1) != 0);
        int main = IndexOf(symbols, "main");
        Assert.True(symbols.Size(main) > 0);
        Assert.Equal(0u, symbols.Address(main) & 1);
        IndexOf(symbols, "spin");          // a static (local) function
        IndexOf(symbols, "spin_count");    // an object
        for (int i = 1; i < symbols.Count; i++)
        {
            Assert.True(symbols.Address(i - 1) < symbols.Address(i), $"{symbols.Name(i - 1)} and {symbols.Name(i)} out of order");
        }
    }

    [Fact]
    public void An_address_inside_a_function_is_found_with_its_offset_and_one_past_its_end_is_not_in_it()
    {
        ElfSymbols symbols = Spin(GuestBuild.Arm).Symbols;
        int main = IndexOf(symbols, "main");
        uint start = symbols.Address(main), size = symbols.Size(main);

        Assert.True(symbols.TryFind(start, out int found));
        Assert.Equal(main, found);
        Assert.Equal("main", symbols.Describe(start));
        Assert.Equal("main+0x4", symbols.Describe(start + 4));
        Assert.Equal($"main+0x{size - 2:x}", symbols.Describe(start + size - 2));
        Assert.NotEqual("main", symbols.Describe(start + size)?.Split('+')[0]);
        Assert.False(symbols.TryFind(0x0000_1000, out _));   // below every symbol
        Assert.False(symbols.TryFind(0xFFFF_0000, out _));   // the vector page: far past the image
    }

    [Fact]
    public void An_image_without_a_symbol_table_has_no_symbols()
    {
        byte[] file = TestElf.Program(0xE1A0_0000, 0xEAFF_FFFE).Build(); // no section headers at all
        ElfImage image = ElfImage.Parse(file, "stripped.elf");

        Assert.Equal(0, image.Symbols.Count);
        Assert.Null(image.Symbols.Describe(TestElf.CodeBase));
    }

    [Fact]
    public void A_symbol_table_that_points_past_the_file_gives_no_symbols_and_no_error()
    {
        byte[] file = File.ReadAllBytes(KernelRun.L4Elf("spin"));
        uint shoff = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(32));
        ushort shnum = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(48));
        for (int s = 0; s < shnum; s++)
        {
            Span<byte> header = file.AsSpan((int)shoff + s * 40, 40);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == 2) // SHT_SYMTAB
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 0x7FFF_0000); // sh_offset
            }
        }

        ElfImage image = ElfImage.Parse(file, "broken.elf");

        Assert.Equal(0, image.Symbols.Count);
        Assert.NotEmpty(image.Segments.ToArray());
    }
}
