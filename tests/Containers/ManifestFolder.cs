// A temporary folder for manifest tests: small libl4-shaped ELF images and helpers to load and to expect errors.
using System;
using System.IO;
using Codezero.Containers;
using Codezero.Tests.Hal.Boot;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestFolder : IDisposable
{
    /// <summary>Today's kernel part of 128 MiB with default options: 3 MiB of objects, 4 MiB of page-table frames.</summary>
    public const uint FirstFree = 0x60700000;

    /// <summary>Nothing fixed by a command line: the manifest's board section, else 4 cores and 128 MiB.</summary>
    public static readonly BoardLimits Limits = new() { FirstFreeAddress = FirstFree };

    public ManifestFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "codezero-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        foreach (string name in new[] { "pingsrv.elf", "pingcli.elf", "a.elf" })
        {
            Image(name);
        }
    }

    public string Root { get; }

    /// <summary>The manifest's path: messages start with it.</summary>
    public string File => Path.Combine(Root, "m.toml");

    /// <summary>The code address of the images <see cref="Image"/> makes, as libl4's l4.ld links: 0x00010000.</summary>
    public const uint ImageBase = 0x00010000;

    /// <summary>Makes images/NAME, a program linked as libl4 links (one page of code at 0x10000, entered there).</summary>
    public string Image(string name) => Image(name, LibL4Program());

    /// <summary>Writes images/NAME from <paramref name="elf"/> and gives its absolute path.</summary>
    public string Image(string name, TestElf elf)
    {
        string path = Path.Combine(Root, "images", name);
        System.IO.File.WriteAllBytes(path, elf.Build());
        return path;
    }

    /// <summary>An ELF shaped like a libl4 program: code at 0x10000 (a branch to itself), entered there, and libl4's note.</summary>
    public static TestElf LibL4Program()
    {
        TestElf elf = BareProgram();
        elf.Segments.Add((4, 0, 0, LibL4Note(), (uint)LibL4Note().Length));
        return elf;
    }

    /// <summary>The same program without libl4's note, as a bare-metal toolchain would link it.</summary>
    public static TestElf BareProgram() => new TestElf { Entry = ImageBase }.Load(ImageBase, TestElf.Words(TestElf.BranchToSelf));

    /// <summary>The note libl4's crt0.S emits: owner "Codezero", type 1, no descriptor.</summary>
    public static byte[] LibL4Note(string owner = "Codezero", uint type = 1)
    {
        byte[] name = System.Text.Encoding.ASCII.GetBytes(owner + "\0");
        var note = new byte[12 + ((name.Length + 3) & ~3)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(note, (uint)name.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(note.AsSpan(8), type);
        name.CopyTo(note, 12);
        return note;
    }

    public Manifest Parse(string text, BoardLimits? limits = null) => ManifestLoader.Parse(text, File, limits ?? Limits);

    /// <summary>Parses, expects a ManifestException, and checks its location, field and whole message.</summary>
    public ManifestException Error(string text, int line, int column, string field, string problem, BoardLimits? limits = null)
    {
        var e = Assert.Throws<ManifestException>(() => Parse(text, limits));
        Assert.Equal($"{File}:{line}:{column}: {field}: {problem}", e.Message);
        Assert.Equal(new SourceLocation(File, line, column), e.Location);
        Assert.Equal(field, e.Field);
        Assert.Equal(problem, e.Problem);
        return e;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
