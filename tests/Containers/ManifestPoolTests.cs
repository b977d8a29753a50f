// Pools against the kernel's limits: a sum beyond one is refused at the pool's line, and out-of-RAM says what the kernel's part holds.
using System.IO;
using System.Text;
using Codezero.Containers;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestPoolTests : System.IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Container(string name, string pools, string memory = "1MiB")
        => $"[[container]]\nname = \"{name}\"\nimage = \"images/a.elf\"\nmemory = \"{memory}\"\n[container.pools]\n{pools}\n";

    [Fact]
    public void ThreadPoolsAddingUpPastTheThreadIdLimitAreRefusedAtTheLineThatCrossesIt()
        => _folder.Error(Container("a", "threads = 3000") + Container("b", "threads = 3000"), 12, 11, "container 'b'.pools.threads",
            "3000 and the 3000 of the containers before it make 6000; the kernel has at most 4095 threads (the slot field of a thread id)");

    [Fact]
    public void ASpacesPoolUpToTheLimitIsHonouredNotCapped()
    {
        Manifest manifest = _folder.Parse(Container("a", "spaces = 4095"));
        Assert.Equal(4095, manifest.Containers[0].Pools.Spaces);
        Assert.Equal(4095, ManifestBoot.OptionsFor(manifest).MaxSpaces);
    }

    [Fact]
    public void ADefaultPoolThatCrossesTheLimitIsRefusedAtItsContainer()
        => _folder.Error(Container("a", "spaces = 4095") + "[[container]]\nname = \"b\"\nimage = \"images/a.elf\"\nmemory = \"1MiB\"\n",
            7, 1, "container 'b'.pools.spaces",
            "4 (the default) and the 4095 of the containers before it make 4099; the kernel has at most 4095 address spaces");

    [Fact]
    public void MutexPoolsHaveTheirLimitToo()
        => _folder.Error(Container("a", "mutexes = 4000") + Container("b", "mutexes = 100"), 12, 11, "container 'b'.pools.mutexes",
            "100 and the 4000 of the containers before it make 4100; the kernel has at most 4095 contended mutexes");

    [Fact]
    public void CapsPoolsCountWithTheBootCapsOfEveryContainer()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            text.Append(Container($"c{i}", "caps = 4095"));
        }
        _folder.Error(text.ToString(), 15 * 6 + 6, 8, "container 'c15'.pools.caps",
            "4095 with its 34 boot caps and the 61999 taken before it make 66128; the kernel has at most 65535 caps "
            + "(the index field of a cap id; its table also holds 64 of its own and each container's boot caps)");
    }

    [Fact]
    public void OutOfRamSaysWhatTheKernelsPartOfRamWentTo()
    {
        const string text = "[board]\nram_mib = 16\n[[container]]\nname = \"a\"\nimage = \"images/a.elf\"\nmemory = \"8MiB\"\n[container.pools]\nthreads = 4095\n";
        Manifest first = _folder.Parse(text, ManifestBoot.LimitsFor(new KernelOptions(), 0, 0));
        KernelOptions options = ManifestBoot.OptionsFor(first);
        var e = Assert.Throws<ManifestException>(() => _folder.Parse(text, ManifestBoot.LimitsFor(options, 0, 0)));
        Assert.Equal((6, 10, "container 'a'.memory"), (e.Location.Line, e.Location.Column, e.Field));
        Assert.Equal("8 MiB asked, 1 MiB left (0x60F00000-0x60FFFFFF) of the board's 16 MiB of RAM; the kernel's part takes 15 MiB: "
            + "2 MiB of thread, space and mutex records, 8190 KiB of IPC staging for 4095 threads (2 KiB each: the containers' thread pools), "
            + "12 KiB for 162 caps (68 bytes each: the caps pools and each container's boot caps), 4 MiB for 1024 page-table frames, in whole MiB",
            e.Problem);
    }

    [Fact]
    public void EveryPoolAtItsLimitBootsWithoutExhaustingTheKernelRegion()
    {
        // 15 containers of 4095 caps fill the cap table to 61999 of 65535; one of them also takes every thread, space and mutex.
        var text = new StringBuilder("[board]\nram_mib = 256\n");
        string hello = Path.Combine(RepoPaths.Root, "guests", "build", "l4", "hello.elf");
        for (int i = 0; i < 15; i++)
        {
            string pools = i == 0 ? "caps = 4095\nthreads = 4081\nspaces = 4081\nmutexes = 4081" : "caps = 4095\nthreads = 1\nspaces = 1\nmutexes = 1";
            text.Append($"[[container]]\nname = \"c{i}\"\nimage = '{hello}'\nmemory = \"1MiB\"\n[container.pools]\n{pools}\n");
        }
        Manifest first = _folder.Parse(text.ToString(), ManifestBoot.LimitsFor(new KernelOptions(), 0, 0));
        KernelOptions options = ManifestBoot.OptionsFor(first);
        Assert.Equal((4095, 4095, 4095, 61999), (options.MaxThreads, options.MaxSpaces, options.MaxContendedMutexes, options.MaxCaps));
        Manifest manifest = _folder.Parse(text.ToString(), ManifestBoot.LimitsFor(options, 0, 0));
        using var board = new Board(new BoardOptions { Cores = 4, RamSize = 256u << 20, Semihosting = false });
        var kernel = ManifestBoot.Boot(board, parallel: false, manifest, options);
        Assert.Equal(15, kernel.LiveThreads);
    }
}
