// Manifest parsing: every field read as written, every default, sizes, placement of auto memory, and the board.
using System.IO;
using Codezero.Caps;
using Codezero.Containers;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestParserTests : System.IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string PingPong = """
        # two containers: a server and its client
        [board]
        cores = 2
        ram_mib = 64

        [[container]]
        name = "server"
        type = "bare"
        image = "images/pingsrv.elf"
        entry = 0x10000
        priority = 20
        affinity = [1, 0]
        semihosting = false
        physical = [{ base = 0x62000000, size = "8MiB" }, { base = 0x61000000, size = 0x100000 }]
        virtual = [{ base = 0x00010000, size = "1GiB" }, { base = 0x50000000, size = "512 KiB" }]
        [container.pools]
        threads = 8
        spaces = 2
        mutexes = 0
        map_pages = 32
        caps = 10
        [[container.device]]
        name = "uart0"
        [container.rights]
        thread_control = ["create", "run", "sched"]
        exchange_registers = ["read", "pager"]
        capability_control = ["grant", "revoke"]
        mutex = []

        [[container]]
        name = "client"
        image = "images/pingcli.elf"
        memory = "4MiB"
        [[container.ipc]]
        to = "server"
        pager_only = true
        rights = ["send", "short"]
        [[container.ipc]]
        to = "server"
        """;

    [Fact]
    public void EveryFieldIsReadAsWritten()
    {
        Manifest manifest = _folder.Parse(PingPong);
        Assert.Equal(_folder.File, manifest.Path);
        Assert.Equal(2, manifest.Cores);
        Assert.Equal(64u, manifest.RamMib);
        Assert.Equal(2, manifest.BoardCores);
        Assert.Equal(64u << 20, manifest.BoardRamSize);
        Assert.Equal(2, manifest.Containers.Count);

        ContainerSpec server = manifest.Containers[0];
        Assert.Equal("server", server.Name);
        Assert.Equal(0, server.Index);
        Assert.Equal(1, server.Id);
        Assert.Equal(new SourceLocation(_folder.File, 6, 1), server.Location);
        Assert.Equal(ContainerType.Bare, server.Type);
        Assert.Equal(Path.Combine(_folder.Root, "images", "pingsrv.elf"), server.ImagePath);
        Assert.Equal(0x10000u, server.Entry);
        Assert.Equal(20, server.Priority);
        Assert.Equal(0b11u, server.Affinity);
        Assert.Equal(new[] { new MemoryRegion(0x61000000, 0x100000), new MemoryRegion(0x62000000, 8u << 20) }, server.Physical);
        Assert.Equal(new[] { new MemoryRegion(0x00010000, 1u << 30), new MemoryRegion(0x50000000, 512u << 10) }, server.Virtual);
        Assert.Equal((8, 2, 0, 32, 10), (server.Pools.Threads, server.Pools.Spaces, server.Pools.Mutexes, server.Pools.MapPages, server.Pools.Caps));
        Assert.Empty(server.Ipc);
        DeviceGrant uart = Assert.Single(server.Devices);
        Assert.Equal(("uart0", 0x10009000u, 0x1000u), (uart.Name, uart.PhysicalBase, uart.Size));
        Assert.Equal(new[] { 37 }, uart.Irqs);
        Assert.Equal(new SourceLocation(_folder.File, 22, 1), uart.Location);
        Assert.Equal(CapRights.ThreadControl.Create | CapRights.ThreadControl.Run | CapRights.ThreadControl.Sched, server.ThreadControlRights);
        Assert.Equal(CapRights.ExchangeRegisters.Read | CapRights.ExchangeRegisters.Pager, server.ExchangeRegistersRights);
        Assert.Equal(CapRights.CapabilityControl.Grant | CapRights.CapabilityControl.Revoke, server.CapabilityControlRights);
        Assert.Equal(0u, server.MutexRights);

        ContainerSpec client = manifest.Containers[1];
        Assert.Equal(("client", 1, 2), (client.Name, client.Index, client.Id));
        Assert.Equal(new SourceLocation(_folder.File, 30, 1), client.Location);
        // Auto memory goes after the highest explicit region (0x62800000), on a MiB boundary.
        Assert.Equal(new[] { new MemoryRegion(0x62800000, 4u << 20) }, client.Physical);
        Assert.Equal(2, client.Ipc.Count);
        IpcGrant pager = client.Ipc[0];
        Assert.Equal(("server", true, 0, CapRights.Ipc.Send | CapRights.Ipc.Short), (pager.To, pager.PagerOnly, pager.ToIndex, pager.Rights));
        Assert.Equal(new SourceLocation(_folder.File, 34, 1), pager.Location);
        IpcGrant all = client.Ipc[1];
        Assert.Equal(("server", false, 0), (all.To, all.PagerOnly, all.ToIndex));
        Assert.Equal(CapRights.Ipc.Send | CapRights.Ipc.Short | CapRights.Ipc.Full | CapRights.Ipc.Extended, all.Rights);
    }

    [Fact]
    public void AMinimalContainerTakesEveryDefault()
    {
        Manifest manifest = _folder.Parse("""
            [[container]]
            name = "a"
            image = "images/a.elf"
            """);
        Assert.Null(manifest.Cores);
        Assert.Null(manifest.RamMib);
        Assert.Equal(4, manifest.BoardCores);
        Assert.Equal(128u << 20, manifest.BoardRamSize);
        ContainerSpec a = Assert.Single(manifest.Containers);
        Assert.Equal(ContainerType.Bare, a.Type);
        Assert.Null(a.Entry);
        Assert.Equal(16, a.Priority);
        Assert.Equal(0u, a.Affinity);
        Assert.Equal(new[] { new MemoryRegion(ManifestFolder.FirstFree, 8u << 20) }, a.Physical);
        Assert.Equal(new[] { new MemoryRegion(0x00001000, 0x7FFFF000) }, a.Virtual);
        Assert.Equal((16, 4, 16, 64, 64), (a.Pools.Threads, a.Pools.Spaces, a.Pools.Mutexes, a.Pools.MapPages, a.Pools.Caps));
        Assert.Empty(a.Ipc);
        Assert.Empty(a.Devices);
        Assert.Equal(CapRights.ThreadControl.All, a.ThreadControlRights);
        Assert.Equal(CapRights.ExchangeRegisters.All, a.ExchangeRegistersRights);
        Assert.Equal(CapRights.CapabilityControl.All, a.CapabilityControlRights);
        Assert.Equal(CapRights.Mutex.All, a.MutexRights);
    }

    [Fact]
    public void PartialPoolsAndRightsKeepTheOtherDefaults()
    {
        ContainerSpec a = Assert.Single(_folder.Parse("""
            [[container]]
            name = "a"
            image = "images/a.elf"
            pools = { threads = 2 }
            rights = { mutex = ["lock"] }
            """).Containers);
        Assert.Equal((2, 4, 16, 64, 64), (a.Pools.Threads, a.Pools.Spaces, a.Pools.Mutexes, a.Pools.MapPages, a.Pools.Caps));
        Assert.Equal(CapRights.Mutex.Lock, a.MutexRights);
        Assert.Equal(CapRights.ThreadControl.All, a.ThreadControlRights);
    }

    [Theory]
    [InlineData("4096", 0x1000u)]
    [InlineData("0x200000", 0x200000u)]
    [InlineData("\"4KiB\"", 0x1000u)]
    [InlineData("\"12 KiB\"", 0x3000u)]
    [InlineData("\"3MiB\"", 0x300000u)]
    [InlineData("\"1 GiB\"", 0x40000000u)]
    [InlineData("\"8192\"", 0x2000u)]
    public void SizesAreBytesOrSuffixedStrings(string written, uint bytes)
    {
        ContainerSpec a = Assert.Single(_folder.Parse($$"""
            [[container]]
            name = "a"
            image = "images/a.elf"
            virtual = [{ base = 0x10000, size = 4096 }, { base = 0x10000000, size = {{written}} }]
            """).Containers);
        Assert.Equal(new MemoryRegion(0x10000000, bytes), a.Virtual[1]);
    }

    [Fact]
    public void AutoMemoryIsPackedInFileOrderOnMiBBoundaries()
    {
        Manifest manifest = _folder.Parse("""
            [[container]]
            name = "a"
            image = "images/a.elf"
            memory = "1536KiB"
            [[container]]
            name = "b"
            image = "images/a.elf"
            [[container]]
            name = "c"
            image = "images/a.elf"
            memory = 0x12000
            [[container]]
            name = "d"
            image = "images/a.elf"
            memory = "1MiB"
            """);
        Assert.Equal(new MemoryRegion(0x60700000, 0x180000), manifest.Containers[0].Physical[0]);
        Assert.Equal(new MemoryRegion(0x60900000, 8u << 20), manifest.Containers[1].Physical[0]);
        Assert.Equal(new MemoryRegion(0x61100000, 0x12000), manifest.Containers[2].Physical[0]);
        Assert.Equal(new MemoryRegion(0x61200000, 1u << 20), manifest.Containers[3].Physical[0]);
    }

    [Fact]
    public void AutoMemoryFollowsExplicitRegionsWhereverTheyAreInTheFile()
    {
        Manifest manifest = _folder.Parse("""
            [[container]]
            name = "auto"
            image = "images/a.elf"
            memory = "2MiB"
            [[container]]
            name = "fixed"
            image = "images/a.elf"
            physical = [{ base = 0x60800000, size = 0x12000 }]
            """);
        Assert.Equal(new MemoryRegion(0x60900000, 2u << 20), manifest.Containers[0].Physical[0]);
        Assert.Equal(new MemoryRegion(0x60800000, 0x12000), manifest.Containers[1].Physical[0]);
    }

    [Fact]
    public void TheCommandLineOverridesTheBoardSection()
    {
        const string text = """
            [board]
            cores = 4
            ram_mib = 512
            [[container]]
            name = "a"
            image = "images/a.elf"
            affinity = [1]
            """;
        Manifest manifest = _folder.Parse(text, new BoardLimits { RamSize = 32u << 20, Cores = 2, FirstFreeAddress = ManifestFolder.FirstFree });
        Assert.Equal((4, 512u), (manifest.Cores, manifest.RamMib));
        Assert.Equal((2, 32u << 20), (manifest.BoardCores, manifest.BoardRamSize));
        Assert.Equal(2u, manifest.Containers[0].Affinity);
    }

    [Fact]
    public void ContainersMayBeAnInlineArray()
    {
        Manifest manifest = _folder.Parse("""
            container = [
              { name = "a", image = "images/a.elf", ipc = [{ to = "b" }] },
              { name = "b", image = "images/a.elf", pools = { threads = 3 } },
            ]
            """);
        Assert.Equal(new SourceLocation(_folder.File, 2, 3), manifest.Containers[0].Location);
        Assert.Equal(new SourceLocation(_folder.File, 3, 3), manifest.Containers[1].Location);
        IpcGrant grant = Assert.Single(manifest.Containers[0].Ipc);
        Assert.Equal(("b", 1), (grant.To, grant.ToIndex));
        Assert.Equal(new SourceLocation(_folder.File, 2, 48), grant.Location);
        Assert.Equal(3, manifest.Containers[1].Pools.Threads);
    }

    [Fact]
    public void RegionsAndGrantsMayBeArraysOfTableHeaders()
    {
        Manifest manifest = _folder.Parse("""
            [[container]]
            name = "a"
            image = "images/a.elf"
            [[container]]
            name = "b"
            image = "images/a.elf"
            [[container.physical]]
            base = 0x64000000
            size = "1MiB"
            [[container.physical]]
            base = 0x63000000
            size = "1MiB"
            [[container.virtual]]
            base = 0x10000
            size = 0x10000
            [[container.ipc]]
            to = "a"
            """);
        ContainerSpec b = manifest.Containers[1];
        Assert.Equal(new[] { new MemoryRegion(0x63000000, 1u << 20), new MemoryRegion(0x64000000, 1u << 20) }, b.Physical);
        Assert.Equal(new MemoryRegion(0x10000, 0x10000), Assert.Single(b.Virtual));
        Assert.Equal(0, Assert.Single(b.Ipc).ToIndex);
        Assert.Empty(manifest.Containers[0].Ipc);
    }

    [Fact]
    public void ImagePathsAreRelativeToTheManifestsFolderOrAbsolute()
    {
        string elsewhere = Path.Combine(_folder.Root, "elsewhere.elf");
        File.Copy(_folder.Image("a.elf"), elsewhere);
        Manifest manifest = _folder.Parse($"""
            [[container]]
            name = "a"
            image = "./images/../images/a.elf"
            [[container]]
            name = "b"
            image = '{elsewhere}'
            """);
        Assert.Equal(Path.Combine(_folder.Root, "images", "a.elf"), manifest.Containers[0].ImagePath);
        Assert.Equal(elsewhere, manifest.Containers[1].ImagePath);
    }

    [Fact]
    public void NamesMayUseDigitsDashesAndUnderscoresUpToSixteenCharacters()
    {
        Manifest manifest = _folder.Parse("""
            [[container]]
            name = "a0_-bcdefghijklm"
            image = "images/a.elf"
            """);
        Assert.Equal("a0_-bcdefghijklm", manifest.Containers[0].Name);
    }

    [Fact]
    public void LoadReadsTheFile()
    {
        File.WriteAllText(_folder.File, """
            [[container]] # the only one
            name = "a"
            image = "images/a.elf"
            """);
        Manifest manifest = ManifestLoader.Load(_folder.File, ManifestFolder.Limits);
        Assert.Equal(_folder.File, manifest.Path);
        Assert.Equal("a", Assert.Single(manifest.Containers).Name);
    }

    [Fact]
    public void TheDocumentsCompleteExampleLoads()
    {
        // docs/manifest.md's example, in a copy of its folder layout with fake images.
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "manifest.md"));
        const string fence = "<!-- from: examples/pingpong/pingpong.toml -->\n```toml\n";
        int start = doc.IndexOf(fence, System.StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/manifest.md lost its complete example");
        start += fence.Length;
        string example = doc[start..doc.IndexOf("```", start, System.StringComparison.Ordinal)];
        string folder = Path.Combine(_folder.Root, "examples", "pingpong");
        string images = Path.Combine(_folder.Root, "guests", "build", "l4");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(images);
        foreach (string image in new[] { "pingsrv.elf", "pingcli.elf" })
        {
            File.Copy(_folder.Image("a.elf"), Path.Combine(images, image));
        }
        Manifest manifest = ManifestLoader.Parse(example, Path.Combine(folder, "pingpong.toml"), ManifestFolder.Limits);
        Assert.Equal(new[] { "server", "client" }, new[] { manifest.Containers[0].Name, manifest.Containers[1].Name });
        Assert.Equal(Path.Combine(images, "pingsrv.elf"), manifest.Containers[0].ImagePath);
    }
}
