// Hostile manifests: deep nesting, huge and binary input, files that are not regular files; each a located ManifestException.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Codezero.Containers;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestRobustnessTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Loads FILE (written from <paramref name="bytes"/>) and returns the error, checking it is located in that file on one line.</summary>
    private ManifestException LoadError(byte[] bytes)
    {
        File.WriteAllBytes(_folder.File, bytes);
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(_folder.File, ManifestFolder.Limits));
        Assert.Equal(_folder.File, e.Location.File);
        Assert.True(e.Location.Line >= 1 && e.Location.Column >= 1, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData(33)]
    [InlineData(65)]
    [InlineData(5000)]
    public void DeeplyNestedInlineTablesAreRefusedAtTheBracketThatGoesTooDeep(int depth)
    {
        var text = new StringBuilder("a = ");
        for (int i = 0; i < depth; i++)
        {
            text.Append("{ b = ");
        }
        text.Append('1').Append(new string('}', depth)).Append('\n');
        _folder.Error(text.ToString(), 1, 5 + 32 * 6, "toml", "nested deeper than 32 arrays and inline tables; a manifest needs at most 4");
    }

    [Fact]
    public void ThirtyTwoLevelsAreLeftToTomlyn()
        => _folder.Error("a = " + new string('[', 32) + new string(']', 32) + "\n", 1, 1, "a", "unknown key (known: board, container)");

    [Fact]
    public void BracketsInStringsAndCommentsDoNotCount()
    {
        string deep = new string('[', 40) + new string('{', 40);
        string text = $"# {deep}\n[x]\na = \"{deep}\"\nb = '{deep}'\nc = \"\"\"\n{deep}\\\"\"\"\"\nd = '''{deep}\n'''\n[[container]]\nname = \"Q\"\n";
        _folder.Error(text, 2, 2, "x", "unknown table (known: board, container)");
    }

    [Fact]
    public void DeeplyNestedArraysAndLongDottedKeysAreLocatedErrors()
    {
        _folder.Error("a = " + new string('[', 10000) + new string(']', 10000) + "\n", 1, 37, "toml",
            "nested deeper than 32 arrays and inline tables; a manifest needs at most 4");
        string dotted = string.Join('.', System.Linq.Enumerable.Repeat("k", 20000)) + " = 1\n";
        _folder.Error(dotted, 1, 1, "k", "unknown table (known: board, container)");
    }

    [Fact]
    public void AManifestLargerThanTheLimitIsRefusedWithoutBeingRead()
    {
        var line = Encoding.ASCII.GetBytes("# a comment line of a manifest that goes on and on and on and on and on\n");
        using (FileStream file = File.Create(_folder.File))
        {
            for (int written = 0; written < 50 << 20; written += line.Length)
            {
                file.Write(line);
            }
        }
        long size = new FileInfo(_folder.File).Length;
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(_folder.File, ManifestFolder.Limits));
        Assert.Equal($"{_folder.File}:1:1: manifest: cannot read {_folder.File}: is {size} bytes, more than the 1 MiB allowed", e.Message);
    }

    [Fact]
    public void ManifestTextLargerThanTheLimitIsRefused()
    {
        string text = "[[container]]\nname = \"a\"\nimage = \"" + new string('x', ManifestLoader.MaxBytes) + "\"\n";
        _folder.Error(text, 1, 1, "manifest", $"is {text.Length} characters long, more than the 1 MiB a manifest may be");
    }

    [Fact]
    public void AHugeStringJustUnderTheLimitIsReadAndJudgedAsAValue()
    {
        string name = new string('x', ManifestLoader.MaxBytes - 100);
        _folder.Error($"[[container]]\nname = \"{name}\"\n", 2, 8, "container[0].name",
            $"'{name}' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
    }

    [Fact]
    public void InvalidUtf8IsLocatedAtTheFirstBadByte()
    {
        byte[] bytes = [.. "[[container]]\nname = \"a\u00e9"u8, 0xFF, .. "\"\n"u8];
        ManifestException e = LoadError(bytes);
        Assert.Equal((2, 11, "toml"), (e.Location.Line, e.Location.Column, e.Field));
        Assert.Equal("invalid UTF-8 (byte 0xFF at offset 25): a manifest is UTF-8 text", e.Problem);
    }

    [Fact]
    public void NulsAndControlCharactersAreLocatedTomlErrors()
    {
        ManifestException e = LoadError([.. "[[container]]\nname = \"a\"\n"u8, 0, 0, 0, .. "\n"u8]);
        Assert.Equal(("toml", 3), (e.Field, e.Location.Line));
        LoadError([.. "name = \"a"u8, 1, .. "\"\n"u8]);
    }

    [Fact]
    public void RandomBytesAreAlwaysALocatedError()
    {
        var random = new Random(20261208);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            LoadError(bytes);
        }
    }

    [Fact]
    public void ControlCharactersInQuotedValuesAndKeysAreEscapedSoTheErrorStaysOneLine()
    {
        _folder.Error("[[container]]\nname = \"\"\"\nbysta\nder\"\"\"\n", 2, 8, "container[0].name",
            "'bysta\\nder' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
        _folder.Error("\"a\\u0001\\tb\" = 1\n", 1, 1, "a\\u0001\\tb", "unknown key (known: board, container)");
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsAccepted()
    {
        File.WriteAllBytes(_folder.File, [0xEF, 0xBB, 0xBF, .. "[[container]]\nname = \"a\"\nimage = \"images/a.elf\"\n"u8]);
        Assert.Single(ManifestLoader.Load(_folder.File, ManifestFolder.Limits).Containers);
    }

    [Fact]
    public void ADirectoryAFifoAndADeviceAreRefusedAsManifestsWithoutBlocking()
    {
        Assert.Equal($"{_folder.Root}:1:1: manifest: cannot read {_folder.Root}: is a directory",
            Assert.Throws<ManifestException>(() => ManifestLoader.Load(_folder.Root, ManifestFolder.Limits)).Message);
        string fifo = MakeFifo("m.fifo");
        Assert.Equal($"{fifo}:1:1: manifest: cannot read {fifo}: is a FIFO (named pipe)",
            Assert.Throws<ManifestException>(() => ManifestLoader.Load(fifo, ManifestFolder.Limits)).Message);
        Assert.Equal("/dev/zero:1:1: manifest: cannot read /dev/zero: is a character device",
            Assert.Throws<ManifestException>(() => ManifestLoader.Load("/dev/zero", ManifestFolder.Limits)).Message);
    }

    [Fact]
    public void AnEmptyManifestIsRefusedAsEmpty()
    {
        File.WriteAllBytes(_folder.File, []);
        Assert.Equal($"{_folder.File}:1:1: manifest: cannot read {_folder.File}: is empty",
            Assert.Throws<ManifestException>(() => ManifestLoader.Load(_folder.File, ManifestFolder.Limits)).Message);
    }

    [Fact]
    public void AnImageThatIsAFifoADeviceOrADirectoryIsRefusedAtTheImageField()
    {
        string fifo = MakeFifo("images/pipe.elf");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"images/pipe.elf\"\n", 3, 9, "container 'a'.image",
            $"cannot read image {fifo}: is a FIFO (named pipe)");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"/dev/urandom\"\n", 3, 9, "container 'a'.image",
            "cannot read image /dev/urandom: is a character device");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"images\"\n", 3, 9, "container 'a'.image",
            $"cannot read image {Path.Combine(_folder.Root, "images")}: is a directory");
    }

    [Fact]
    public void AnImagePathWithANulIsALocatedError()
    {
        var e = Assert.Throws<ManifestException>(() => _folder.Parse("[[container]]\nname = \"a\"\nimage = \"images/a\\u0000.elf\"\n"));
        Assert.Equal((3, 9, "container 'a'.image"), (e.Location.Line, e.Location.Column, e.Field));
    }

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_folder.Root, name);
        using Process mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
