// KernelImage.IsLibl4: libl4's note marks the kernel's programs, in both builds and stripped, and nothing else.
using System;
using System.Diagnostics;
using System.IO;
using Codezero.Containers;
using Codezero.Tests.Hal.Boot;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class KernelImageTests
{
    private static byte[] L4(string build, string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "guests", "build", build, name + ".elf"));

    [Theory]
    [InlineData("l4", "hello")]
    [InlineData("l4", "pingsrv")]
    [InlineData("l4-thumb", "hello")]
    [InlineData("l4-thumb", "pager")]
    public void EveryLibl4ProgramCarriesTheNote(string build, string name)
        => Assert.True(KernelImage.IsLibl4(L4(build, name)));

    [Theory]
    [InlineData("hello")]
    [InlineData("divide")]
    public void BareMetalNewlibProgramsDoNot(string name)
        => Assert.False(KernelImage.IsLibl4(File.ReadAllBytes(RepoPaths.GuestElf(name))));

    [Fact]
    public void AStrippedLibl4ProgramStillCarriesIt()
    {
        string stripped = Path.Combine(Path.GetTempPath(), "codezero-stripped-" + Guid.NewGuid().ToString("N") + ".elf");
        try
        {
            using Process strip = Process.Start("arm-none-eabi-strip", ["-o", stripped, Path.Combine(RepoPaths.Root, "guests", "build", "l4", "hello.elf")])!;
            strip.WaitForExit();
            Assert.Equal(0, strip.ExitCode);
            Assert.True(KernelImage.IsLibl4(File.ReadAllBytes(stripped)));
        }
        finally
        {
            File.Delete(stripped);
        }
    }

    [Fact]
    public void OnlyTheCodezeroOwnerAndTypeCount()
    {
        Assert.True(KernelImage.IsLibl4(ManifestFolder.LibL4Program().Build()));
        Assert.False(KernelImage.IsLibl4(ManifestFolder.BareProgram().Build()));
        foreach (byte[] note in new[] { ManifestFolder.LibL4Note("GNU"), ManifestFolder.LibL4Note(type: 2), ManifestFolder.LibL4Note("Codezerx") })
        {
            TestElf elf = ManifestFolder.BareProgram();
            elf.Segments.Add((4, 0, 0, note, (uint)note.Length));
            Assert.False(KernelImage.IsLibl4(elf.Build()));
        }
    }

    [Fact]
    public void MalformedFilesAreNotLibl4AndNeverThrow()
    {
        byte[] good = ManifestFolder.LibL4Program().Build();
        Assert.False(KernelImage.IsLibl4([]));
        Assert.False(KernelImage.IsLibl4(good[..40]));
        Assert.False(KernelImage.IsLibl4(good[..(good.Length - 8)])); // the note cut short
        var random = new Random(13);
        for (int i = 0; i < 2000; i++)
        {
            byte[] mutant = (byte[])good.Clone();
            for (int flips = random.Next(1, 6); flips > 0; flips--)
            {
                mutant[random.Next(mutant.Length)] = (byte)random.Next(256);
            }
            KernelImage.IsLibl4(mutant); // any answer, no exception
        }
    }
}
