// Container images checked with the manifest: the ELF read at load time, and every error at the field it concerns.
using System.IO;
using Codezero.Containers;
using Codezero.Tests.Hal.Boot;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestImageTests : System.IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Container "a" on lines 1-3 with images/IMAGE; the line under test is line 4.</summary>
    private static string A(string line, string image = "a.elf") => $"[[container]]\nname = \"a\"\nimage = \"images/{image}\"\n{line}\n";

    [Fact]
    public void SemihostingTrueIsRefusedAtItsValue()
        => _folder.Error("\n" + A("semihosting = true"), 5, 15, "container 'a'.semihosting",
            "the kernel serves no semihosting to containers yet (they write with console_write); leave it false");

    [Fact]
    public void SemihostingFalseIsAccepted()
        => Assert.Single(_folder.Parse(A("semihosting = false")).Containers);

    [Fact]
    public void A64BitImageIsRefusedAtTheImageFieldSpelledLikeTheOthers()
    {
        TestElf elf = ManifestFolder.LibL4Program();
        elf.Class = 2;
        string path = _folder.Image("wide.elf", elf);
        _folder.Error("\n\n" + A("", "wide.elf"), 5, 9, "container 'a'.image", $"{path}: ELF class is 64-bit, expected 32-bit");
    }

    [Fact]
    public void EveryElfProblemIsReportedAtTheImageField()
    {
        TestElf bigEndian = ManifestFolder.LibL4Program();
        bigEndian.DataEncoding = 2;
        string path = _folder.Image("big.elf", bigEndian);
        _folder.Error(A("", "big.elf"), 3, 9, "container 'a'.image", $"{path}: ELF data is big-endian, expected little-endian");

        TestElf x86 = ManifestFolder.LibL4Program();
        x86.Machine = 3;
        path = _folder.Image("x86.elf", x86);
        _folder.Error(A("", "x86.elf"), 3, 9, "container 'a'.image", $"{path}: ELF machine is x86 (3), expected ARM (40)");

        path = Path.Combine(_folder.Root, "images", "cut.elf");
        File.WriteAllBytes(path, ManifestFolder.LibL4Program().Build()[..30]);
        _folder.Error(A("", "cut.elf"), 3, 9, "container 'a'.image", $"{path}: truncated: the ELF header needs 52 bytes, the file has 30");
    }

    [Fact]
    public void TheImageIsReadWithTheManifestAndKeptForBoot()
    {
        ContainerSpec a = Assert.Single(_folder.Parse(A("")).Containers);
        Assert.Equal(ManifestFolder.ImageBase, a.Image.Entry);
        Assert.Equal(ManifestFolder.ImageBase, a.Image.Segments[0].VirtualAddress);
    }

    [Fact]
    public void ABareMetalImageIsRefusedAtTheImageField()
    {
        string path = _folder.Image("bare.elf", ManifestFolder.BareProgram());
        _folder.Error(A("", "bare.elf"), 3, 9, "container 'a'.image",
            $"{path} is not a libl4 program (it lacks the note libl4's crt0 adds): a container's pager is linked with "
            + "guests/libl4's crt0.o and l4.ld (guests/l4/README.md); a bare-metal program runs with `codezero run`");
    }

    [Fact]
    public void TheNewlibHelloIsRefusedAndTheLibl4HelloInBothBuildsIsAccepted()
    {
        string newlib = RepoPaths.GuestElf("hello");
        var e = Assert.Throws<ManifestException>(() => _folder.Parse($"[[container]]\nname = \"a\"\nimage = '{newlib}'\n"));
        Assert.Equal((3, 9, "container 'a'.image"), (e.Location.Line, e.Location.Column, e.Field));
        Assert.StartsWith($"{newlib} is not a libl4 program", e.Problem);
        foreach (string build in new[] { "l4", "l4-thumb" })
        {
            string hello = Path.Combine(RepoPaths.Root, "guests", "build", build, "hello.elf");
            Assert.Single(_folder.Parse($"[[container]]\nname = \"a\"\nimage = '{hello}'\n").Containers);
        }
    }

    [Fact]
    public void AnEntryOutsideTheImagesCodeIsRefusedAtTheEntry()
    {
        _folder.Error(A("entry = 0x20000"), 4, 9, "container 'a'.entry", "0x00020000 is outside the image's code (0x00010000-0x00010003)");
        _folder.Error(A("entry = 0x10004"), 4, 9, "container 'a'.entry", "0x00010004 is outside the image's code (0x00010000-0x00010003)");
        Assert.Equal(0x10001u, Assert.Single(_folder.Parse(A("entry = 0x10001")).Containers).Entry); // Thumb bit
    }

    [Fact]
    public void AnElfEntryOutsideTheImagesCodeIsRefusedAtTheImage()
    {
        TestElf elf = ManifestFolder.LibL4Program();
        elf.Entry = 0x30000;
        string path = _folder.Image("lost.elf", elf);
        _folder.Error(A("", "lost.elf"), 3, 9, "container 'a'.image",
            $"{path}: its ELF entry point 0x00030000 is outside the image's code (0x00010000-0x00010003)");
    }

    [Fact]
    public void VirtualRegionsMustCoverTheImage()
    {
        _folder.Error(A("virtual = [{ base = 0x20000, size = 4096 }]"), 4, 11, "container 'a'.virtual",
            "does not cover the image's segment 0 (code, 0x00010000-0x00010FFF): 0x00010000 is outside every region, "
            + "and the loader maps the image where it was linked");
        TestElf twoPages = ManifestFolder.LibL4Program().Load(0x11000, new byte[16]);
        _folder.Image("two.elf", twoPages);
        _folder.Error(A("virtual = [{ base = 0x10000, size = 4096 }, { base = 0x12000, size = 4096 }]", "two.elf"), 4, 11, "container 'a'.virtual",
            "does not cover the image's segment 2 (code, 0x00011000-0x00011FFF): 0x00011000 is outside every region, "
            + "and the loader maps the image where it was linked");
        Assert.Single(_folder.Parse(A("virtual = [{ base = 0x10000, size = 4096 }, { base = 0x11000, size = 4096 }]", "two.elf")).Containers);
    }

    [Fact]
    public void AnImageOutsideTheUserProgramAreaIsRefused()
    {
        TestElf high = ManifestFolder.LibL4Program();
        high.Segments[0] = (1, 0x7FEF0000, 0x7FEF0000, TestElf.Words(TestElf.BranchToSelf), 4);
        high.Entry = 0x7FEF0000;
        string path = _folder.Image("high.elf", high);
        _folder.Error(A("", "high.elf"), 3, 9, "container 'a'.image",
            $"{path}: segment 0 (0x7FEF0000-0x7FEF0003) is outside the user program area 0x00001000-0x7FEEFFFF; link it with guests/libl4/l4.ld");
    }

    [Fact]
    public void MemoryTooSmallForThePagerIsRefusedAtItsField()
    {
        _folder.Error(A("memory = \"64KiB\""), 4, 10, "container 'a'.memory",
            "64 KiB cannot hold the pager: its image (1 page), 64 KiB stack and UTCB page need 72 KiB");
        _folder.Error(A("physical = [{ base = 0x62000000, size = \"1MiB\" }, { base = 0x61000000, size = 4096 }]"), 4, 51, "container 'a'.physical[1]",
            "4 KiB cannot hold the pager: its image (1 page), 64 KiB stack and UTCB page need 72 KiB in the lowest region");
        Assert.Single(_folder.Parse(A("memory = \"72KiB\"")).Containers);
    }
}
