// Host files through semihosting: a round trip inside the sandbox, and every way out refused with -1 and errno.
using System;
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9.Semihosting;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

public sealed class SemihostSandboxTests : IDisposable
{
    private const uint Failed = 0xFFFF_FFFF;

    private readonly string _base;    // holds both the sandbox and a directory outside it
    private readonly string _root;    // the sandbox
    private readonly string _outside; // must stay untouched
    private readonly string _secret;

    public SemihostSandboxTests()
    {
        _base = Path.Combine(Path.GetTempPath(), "codezero-sandbox-" + Guid.NewGuid().ToString("N"));
        _root = Path.Combine(_base, "root");
        _outside = Path.Combine(_base, "outside");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        _secret = Path.Combine(_outside, "secret.txt");
        File.WriteAllText(_secret, "top secret");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private uint WriteCall(SemihostHarness h, int handle, string text)
    {
        uint data = h.String(SemihostHarness.DataBase + 0x400, text);
        return h.Call(0x05, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, data, (uint)Encoding.UTF8.GetByteCount(text)));
    }

    private uint ReadCall(SemihostHarness h, int handle, uint length)
        => h.Call(0x06, h.Block(SemihostHarness.DataBase + 0x100, (uint)handle, SemihostHarness.DataBase + 0x1000, length));

    private static void AssertRefused(SemihostHarness h, string name, uint mode, int errno)
    {
        Assert.Equal(-1, h.Open(name, mode));
        Assert.Equal(errno, h.Errno());
    }

    [Fact]
    public void WriteThenReadBack_InsideTheSandbox_RoundTrips()
    {
        using var h = new SemihostHarness(root: _root);

        int w = h.Open("data/../out.txt", 4); // "w"
        Assert.True(w > 0, $"open for writing failed, errno {h.Errno()}");
        Assert.Equal(0u, WriteCall(h, w, "hello sandbox"));
        Assert.Equal(0u, h.Call(0x02, h.Block(SemihostHarness.DataBase, (uint)w)));
        Assert.Equal("hello sandbox", File.ReadAllText(Path.Combine(_root, "out.txt")));

        int r = h.Open("out.txt", 0); // "r"
        Assert.True(r > 0);
        Assert.Equal(13u, h.Call(0x0C, h.Block(SemihostHarness.DataBase, (uint)r)));   // FLEN
        Assert.Equal(0u, ReadCall(h, r, 13));
        Assert.Equal("hello sandbox", Encoding.UTF8.GetString(h.ReadBytes(SemihostHarness.DataBase + 0x1000, 13)));
        Assert.Equal(5u, ReadCall(h, r, 5));                                             // at end of file: nothing read
        Assert.Equal(0u, h.Call(0x0A, h.Block(SemihostHarness.DataBase, (uint)r, 6)));  // SEEK to 6
        Assert.Equal(0u, ReadCall(h, r, 7));
        Assert.Equal("sandbox", Encoding.UTF8.GetString(h.ReadBytes(SemihostHarness.DataBase + 0x1000, 7)));
        Assert.Equal(0u, h.Call(0x02, h.Block(SemihostHarness.DataBase, (uint)r)));
    }

    [Fact]
    public void Append_AddsToTheEnd()
    {
        File.WriteAllText(Path.Combine(_root, "log.txt"), "one\n");
        using var h = new SemihostHarness(root: _root);
        int a = h.Open("log.txt", 8); // "a"
        Assert.Equal(0u, WriteCall(h, a, "two\n"));
        h.Call(0x02, h.Block(SemihostHarness.DataBase, (uint)a));
        Assert.Equal("one\ntwo\n", File.ReadAllText(Path.Combine(_root, "log.txt")));
    }

    [Fact]
    public void AbsolutePathInsideTheRoot_IsAllowed()
    {
        File.WriteAllText(Path.Combine(_root, "in.txt"), "x");
        using var h = new SemihostHarness(root: _root);
        Assert.True(h.Open(Path.Combine(_root, "in.txt"), 0) > 0);
    }

    [Fact]
    public void MissingFileInsideTheSandbox_IsEnoent()
    {
        using var h = new SemihostHarness(root: _root);
        AssertRefused(h, "nothing-here.txt", 0, SemihostErrno.NoEntry);
    }

    [Fact]
    public void NoRootConfigured_RefusesEveryHostFileWithEacces()
    {
        File.WriteAllText(Path.Combine(Directory.GetCurrentDirectory(), "codezero-probe.tmp"), "x");
        try
        {
            using var h = new SemihostHarness(root: null);
            AssertRefused(h, "codezero-probe.tmp", 0, SemihostErrno.Access);
            AssertRefused(h, _secret, 0, SemihostErrno.Access);
            AssertRefused(h, "new.txt", 4, SemihostErrno.Access);
            Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "new.txt")));
            Assert.True(h.Open(":tt", 4) > 0); // the console still works
        }
        finally
        {
            File.Delete(Path.Combine(Directory.GetCurrentDirectory(), "codezero-probe.tmp"));
        }
    }

    [Fact]
    public void DotDotEscape_IsRefusedWithEacces()
    {
        using var h = new SemihostHarness(root: _root);
        AssertRefused(h, "../outside/secret.txt", 0, SemihostErrno.Access);
        AssertRefused(h, "sub/../../outside/secret.txt", 0, SemihostErrno.Access);
        AssertRefused(h, "../outside/created.txt", 4, SemihostErrno.Access);
        Assert.False(File.Exists(Path.Combine(_outside, "created.txt")));
    }

    [Fact]
    public void AbsolutePathOutsideTheRoot_IsRefusedWithEacces()
    {
        using var h = new SemihostHarness(root: _root);
        AssertRefused(h, _secret, 0, SemihostErrno.Access);
        AssertRefused(h, "/etc/passwd", 0, SemihostErrno.Access);
        AssertRefused(h, _base, 0, SemihostErrno.Access);
    }

    [Fact]
    public void SymlinkPointingOutside_IsRefusedWithEacces()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "dirlink"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "filelink.txt"), _secret);
        File.CreateSymbolicLink(Path.Combine(_root, "relative.txt"), "../outside/secret.txt");
        File.CreateSymbolicLink(Path.Combine(_root, "dangling.txt"), Path.Combine(_outside, "not-yet.txt"));
        using var h = new SemihostHarness(root: _root);

        AssertRefused(h, "dirlink/secret.txt", 0, SemihostErrno.Access);
        AssertRefused(h, "filelink.txt", 0, SemihostErrno.Access);
        AssertRefused(h, "relative.txt", 0, SemihostErrno.Access);
        AssertRefused(h, "dirlink/new.txt", 4, SemihostErrno.Access);
        AssertRefused(h, "dangling.txt", 4, SemihostErrno.Access);
        Assert.False(File.Exists(Path.Combine(_outside, "new.txt")));
        Assert.False(File.Exists(Path.Combine(_outside, "not-yet.txt")));
        Assert.Equal("top secret", File.ReadAllText(_secret));
    }

    [Fact]
    public void SymlinkDotDot_FollowsTheLinkBeforeGoingUp()
    {
        // "up" -> outside, so for the kernel "up/../base.txt" is <base>/base.txt, outside the root.
        // Cancelling "up/.." by text first would wrongly give root/base.txt (and ENOENT, not EACCES).
        Directory.CreateSymbolicLink(Path.Combine(_root, "up"), _outside);
        File.WriteAllText(Path.Combine(_base, "base.txt"), "base");
        using var h = new SemihostHarness(root: _root);

        AssertRefused(h, "up/../base.txt", 0, SemihostErrno.Access);
    }

    [Fact]
    public void SymlinkStayingInside_IsFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        File.WriteAllText(Path.Combine(_root, "real", "f.txt"), "inside");
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), "real");
        using var h = new SemihostHarness(root: _root);

        Assert.True(h.Open("alias/f.txt", 0) > 0);
    }

    [Fact]
    public void Directory_CannotBeOpenedAsAFile()
    {
        Directory.CreateDirectory(Path.Combine(_root, "d"));
        using var h = new SemihostHarness(root: _root);
        AssertRefused(h, "d", 0, SemihostErrno.IsDirectory);
    }

    [Fact]
    public void Remove_InsideTheSandbox_DeletesAndOutsideIsRefused()
    {
        File.WriteAllText(Path.Combine(_root, "gone.txt"), "x");
        using var h = new SemihostHarness(root: _root);

        uint inside = h.String(SemihostHarness.DataBase + 0x800, "gone.txt");
        Assert.Equal(0u, h.Call(0x0E, h.Block(SemihostHarness.DataBase, inside, 8)));
        Assert.False(File.Exists(Path.Combine(_root, "gone.txt")));

        uint escape = h.String(SemihostHarness.DataBase + 0x800, "../outside/secret.txt");
        Assert.Equal(Failed, h.Call(0x0E, h.Block(SemihostHarness.DataBase, escape, 21)));
        Assert.Equal(SemihostErrno.Access, h.Errno());
        Assert.True(File.Exists(_secret));
    }

    [Fact]
    public void Rename_OutOfTheSandbox_IsRefused()
    {
        File.WriteAllText(Path.Combine(_root, "mine.txt"), "x");
        using var h = new SemihostHarness(root: _root);
        uint from = h.String(SemihostHarness.DataBase + 0x800, "mine.txt");
        uint to = h.String(SemihostHarness.DataBase + 0x900, "../outside/mine.txt");

        Assert.Equal(Failed, h.Call(0x0F, h.Block(SemihostHarness.DataBase, from, 8, to, 19)));

        Assert.Equal(SemihostErrno.Access, h.Errno());
        Assert.True(File.Exists(Path.Combine(_root, "mine.txt")));
        Assert.False(File.Exists(Path.Combine(_outside, "mine.txt")));

        uint inside = h.String(SemihostHarness.DataBase + 0x900, "yours.txt");
        Assert.Equal(0u, h.Call(0x0F, h.Block(SemihostHarness.DataBase, from, 8, inside, 9)));
        Assert.True(File.Exists(Path.Combine(_root, "yours.txt")));
    }

    [Fact]
    public void HandleTable_Holds32Files_ThenEmfile()
    {
        File.WriteAllText(Path.Combine(_root, "f.txt"), "x");
        using var h = new SemihostHarness(root: _root);
        for (int i = 0; i < SemihostFiles.Capacity; i++)
        {
            Assert.Equal(i + 1, h.Open("f.txt", 0));
        }
        AssertRefused(h, "f.txt", 0, SemihostErrno.TooManyOpen);
        Assert.Equal(0u, h.Call(0x02, h.Block(SemihostHarness.DataBase, 5)));
        Assert.Equal(5, h.Open("f.txt", 0));
    }

    [Fact]
    public void RootThatIsNotADirectory_IsRejectedWhenTheBoardIsBuilt()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new SemihostHarness(root: Path.Combine(_base, "missing")));
    }
}
