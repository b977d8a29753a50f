// A temporary folder for manifest tests: fake ELF images (just the magic) and helpers to load and to expect errors.
using System;
using System.IO;
using Codezero.Containers;
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

    /// <summary>Makes images/NAME, an "ELF" of the magic and a few bytes, and gives its absolute path.</summary>
    public string Image(string name)
    {
        string path = Path.Combine(Root, "images", name);
        System.IO.File.WriteAllBytes(path, new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1, 0 });
        return path;
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
