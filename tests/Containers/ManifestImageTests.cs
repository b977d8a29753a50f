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
}
