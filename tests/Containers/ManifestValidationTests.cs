// Manifest errors: each class with its exact message, and the file, line and column it points at.
using System.IO;
using System.Text;
using Codezero.Containers;
using Xunit;

namespace Codezero.Tests.Containers;

public sealed class ManifestValidationTests : System.IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Container "a" on lines 1-3; the line under test is line 4.</summary>
    private static string A(string line) => $"[[container]]\nname = \"a\"\nimage = \"images/a.elf\"\n{line}\n";

    [Fact]
    public void TomlSyntaxErrorsGiveTomlynsPosition()
    {
        _folder.Error(A("priority = "), 4, 12, "toml", "Unexpected token end-of-line found while expecting a value");
        _folder.Error("[[container]]\nname = \"a\nimage = 1\n", 2, 10, "toml", "Invalid newline in a string");
    }

    [Fact]
    public void RedefinedKeysAreTomlErrors()
        => _folder.Error(A("name = \"b\""), 4, 1, "toml",
            "The key `container.name` is already defined at (2,1) with `name = \"a\"` and cannot be redefined");

    [Fact]
    public void UnknownKeysSuggestTheClosestKnownKey()
    {
        _folder.Error(A("prioriy = 3"), 4, 1, "container[0].prioriy", "unknown key; did you mean 'priority'?");
        _folder.Error(A("pools = { thread = 3 }"), 4, 11, "container 'a'.pools.thread", "unknown key; did you mean 'threads'?");
        _folder.Error(A("ipc = [{ to = \"a\", pageronly = true }]"), 4, 20, "container 'a'.ipc[0].pageronly", "unknown key; did you mean 'pager_only'?");
        _folder.Error("[boards]\ncores = 1\n", 1, 2, "boards", "unknown table; did you mean 'board'?");
        _folder.Error("[board]\nram = 16\n", 2, 1, "board.ram", "unknown key; did you mean 'ram_mib'?");
        _folder.Error(A("[container.right]\nmutex = []"), 4, 12, "container[0].right", "unknown table; did you mean 'rights'?");
    }

    [Fact]
    public void UnknownKeysWithNothingCloseListTheKnownOnes()
        => _folder.Error("colour = \"red\"\n", 1, 1, "colour", "unknown key (known: board, container)");

    [Fact]
    public void WrongValueTypesSayWhatWasExpected()
    {
        _folder.Error(A("priority = \"high\""), 4, 12, "container 'a'.priority", "expected an integer, found a string");
        _folder.Error(A("priority = 1.5"), 4, 12, "container 'a'.priority", "expected an integer, found a float");
        _folder.Error(A("semihosting = 1"), 4, 15, "container 'a'.semihosting", "expected a boolean, found an integer");
        _folder.Error(A("affinity = 1"), 4, 12, "container 'a'.affinity", "expected an array, found an integer");
        _folder.Error(A("affinity = [\"one\"]"), 4, 13, "container 'a'.affinity[0]", "expected an integer core number, found a string");
        _folder.Error(A("pools = 3"), 4, 9, "container 'a'.pools", "expected a table, found an integer");
        _folder.Error(A("memory = true"), 4, 10, "container 'a'.memory",
            "expected a size (an integer of bytes or a string like \"8MiB\"), found a boolean");
        _folder.Error(A("virtual = [{ base = \"0x10000\", size = 4096 }]"), 4, 21, "container 'a'.virtual[0].base",
            "expected an integer address, found a string");
        _folder.Error(A("physical = [0x62000000]"), 4, 13, "container 'a'.physical[0]", "expected a table, found an integer");
        _folder.Error("[[container]]\nname = 5\n", 2, 8, "container[0].name", "expected a string, found an integer");
        _folder.Error("[container]\nname = \"a\"\n", 1, 1, "container", "expected an array of tables ([[container]]), found a table");
        _folder.Error("board = 4\n[[container]]\nname = \"a\"\n", 1, 9, "board", "expected a table, found an integer");
    }

    [Fact]
    public void IntegersOutOfRangeGiveTheRange()
    {
        _folder.Error(A("priority = 32"), 4, 12, "container 'a'.priority", "32 is out of range: 0-31");
        _folder.Error(A("priority = -1"), 4, 12, "container 'a'.priority", "-1 is out of range: 0-31");
        _folder.Error(A("pools = { threads = 0 }"), 4, 21, "container 'a'.pools.threads", "0 is out of range: 1-4095");
        _folder.Error(A("pools = { caps = 4096 }"), 4, 18, "container 'a'.pools.caps", "4096 is out of range: 0-4095");
        _folder.Error("[board]\ncores = 5\n", 2, 9, "board.cores", "5 is out of range: 1-4");
        _folder.Error("[board]\nram_mib = 8\n", 2, 11, "board.ram_mib", "8 is out of range: 16-1024");
    }

    [Fact]
    public void AffinityNamesExistingCoresOnce()
    {
        _folder.Error(A("affinity = [0, 4]"), 4, 16, "container 'a'.affinity[1]", "core 4 does not exist: the run has 4 cores (0-3)");
        _folder.Error("[board]\ncores = 2\n" + A("affinity = [2]"), 6, 13, "container 'a'.affinity[0]",
            "core 2 does not exist: the run has 2 cores (0-1)");
        _folder.Error(A("affinity = [1]"), 4, 13, "container 'a'.affinity[0]", "core 1 does not exist: the run has 1 core (0-0)",
            new BoardLimits { FirstFreeAddress = ManifestFolder.FirstFree, Cores = 1 });
        _folder.Error(A("affinity = [1, 1]"), 4, 16, "container 'a'.affinity[1]", "core 1 is listed twice");
        _folder.Error(A("affinity = []"), 4, 12, "container 'a'.affinity", "is empty: leave affinity out to let the pager run on any core");
    }

    [Theory]
    [InlineData("\"8MB\"", "bad size \"8MB\": write an integer of bytes or a string like \"8MiB\" (KiB, MiB or GiB)")]
    [InlineData("\"8 mib\"", "bad size \"8 mib\": write an integer of bytes or a string like \"8MiB\" (KiB, MiB or GiB)")]
    [InlineData("\"MiB\"", "bad size \"MiB\": write an integer of bytes or a string like \"8MiB\" (KiB, MiB or GiB)")]
    [InlineData("\"1.5MiB\"", "bad size \"1.5MiB\": write an integer of bytes or a string like \"8MiB\" (KiB, MiB or GiB)")]
    [InlineData("0", "is zero")]
    [InlineData("\"0KiB\"", "is zero")]
    [InlineData("-4096", "-4096 is negative")]
    [InlineData("0x1800", "0x1800 is not a multiple of the 4 KiB page")]
    [InlineData("\"6KiB\"", "\"6KiB\" is not a multiple of the 4 KiB page")]
    [InlineData("\"4GiB\"", "\"4GiB\" does not fit in the 4 GiB address space")]
    public void BadSizesAreRefused(string written, string problem)
        => _folder.Error(A($"memory = {written}"), 4, 10, "container 'a'.memory", problem);

    [Fact]
    public void BadAddressesAreRefused()
    {
        _folder.Error(A("physical = [{ base = 0x62000800, size = 4096 }]"), 4, 22, "container 'a'.physical[0].base",
            "0x62000800 is not a multiple of the 4 KiB page");
        _folder.Error(A("virtual = [{ base = -1, size = 4096 }]"), 4, 21, "container 'a'.virtual[0].base", "-1 is not a 32-bit address");
        _folder.Error(A("virtual = [{ base = 0x100000000, size = 4096 }]"), 4, 21, "container 'a'.virtual[0].base",
            "4294967296 is not a 32-bit address");
        _folder.Error(A("physical = [{ base = 0xFFFFF000, size = \"8KiB\" }]"), 4, 13, "container 'a'.physical[0]",
            "0xFFFFF000 + 8 KiB goes past the 4 GiB address space");
        _folder.Error(A("physical = [{ size = 4096 }]"), 4, 13, "container 'a'.physical[0].base", "missing (the region's first address)");
        _folder.Error(A("virtual = [{ base = 0x10000 }]"), 4, 12, "container 'a'.virtual[0].size",
            "missing (the region's size in bytes, or a string like \"8MiB\")");
        _folder.Error(A("physical = []"), 4, 12, "container 'a'.physical", "is empty: give at least one { base, size } region");
    }

    [Fact]
    public void ContainerTypesOtherThanBareAreRefused()
    {
        _folder.Error(A("type = \"posix\""), 4, 8, "container 'a'.type",
            "'posix' containers are not supported yet: only 'bare' (a libl4 program) can be booted");
        _folder.Error(A("type = \"guest\""), 4, 8, "container 'a'.type",
            "'guest' containers are not supported yet: only 'bare' (a libl4 program) can be booted");
        _folder.Error(A("type = \"baer\""), 4, 8, "container 'a'.type", "'baer' is not a container type; did you mean 'bare'? (types: bare, posix, guest)");
        _folder.Error(A("type = \"vm\""), 4, 8, "container 'a'.type", "'vm' is not a container type (types: bare, posix, guest)");
    }

    [Fact]
    public void UnknownRightNamesAreRefused()
    {
        _folder.Error(A("ipc = [{ to = \"b\", rights = [\"send\", \"sned\"] }]"), 4, 38, "container 'a'.ipc[0].rights[1]",
            "'sned' is not an IPC right; did you mean 'send'? (rights: send, receive, short, full, extended)");
        _folder.Error(A("ipc = [{ to = \"b\", rights = [] }]"), 4, 29, "container 'a'.ipc[0].rights",
            "is empty: name at least one of send, receive, short, full, extended");
        _folder.Error(A("[container.rights]\nthread_control = [\"creat\"]"), 5, 19, "container 'a'.rights.thread_control[0]",
            "'creat' is not a thread_control right; did you mean 'create'? (rights: create, destroy, run, suspend, recycle, wait, sched)");
        _folder.Error(A("[container.rights]\nexchange_registers = [\"all\"]"), 5, 23, "container 'a'.rights.exchange_registers[0]",
            "'all' is not an exchange_registers right (rights: read, write, pager, utcb)");
        _folder.Error(A("[container.rights]\ncapability_control = [\"revok\"]"), 5, 23, "container 'a'.rights.capability_control[0]",
            "'revok' is not a capability_control right; did you mean 'revoke'? (rights: grant, read, share, replicate, split, deduce, destroy, revoke)");
        _folder.Error(A("[container.rights]\nmutex = [\"lock\", 1]"), 5, 18, "container 'a'.rights.mutex[1]", "expected a string, found an integer");
    }

    [Fact]
    public void DevicesMustExistAndHaveOneOwner()
    {
        _folder.Error(A("device = [{ name = \"uart1\" }]"), 4, 20, "container 'a'.device[0].name",
            "the board has no device 'uart1'; did you mean 'uart0'? (devices: uart0)");
        _folder.Error(A("device = [{ name = \"uart0\" }, { name = \"uart0\" }]"), 4, 40, "container 'a'.device[1].name",
            "'uart0' is listed twice (container 'a'.device[0].name)");
        _folder.Error(A("device = [{ name = \"uart0\" }]") + "[[container]]\nname = \"b\"\nimage = \"images/a.elf\"\n[[container.device]]\nname = \"uart0\"\n",
            9, 8, "container 'b'.device[0].name", "'uart0' is already given to container 'a': a device has one owner");
        _folder.Error(A("[[container.device]]"), 4, 1, "container 'a'.device[0].name", "missing (a device of the board: uart0)");
    }

    [Fact]
    public void NamesAreValidAndUnique()
    {
        _folder.Error("[[container]]\nname = \"Server\"\n", 2, 8, "container[0].name",
            "'Server' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
        _folder.Error("[[container]]\nname = \"0a\"\n", 2, 8, "container[0].name",
            "'0a' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
        _folder.Error("[[container]]\nname = \"abcdefghijklmnopq\"\n", 2, 8, "container[0].name",
            "'abcdefghijklmnopq' is not a valid name: a lower-case letter, then up to 15 lower-case letters, digits, '_' or '-'");
        _folder.Error(A("") + A(""), 6, 1, "container[1].name", $"'a' is already the name of container[0] ({_folder.File}:2:1)");
    }

    [Fact]
    public void RequiredFieldsAreNamedAtTheirTable()
    {
        _folder.Error("[[container]]\nimage = \"images/a.elf\"\n", 1, 1, "container[0].name", "missing (every container needs a name)");
        _folder.Error("[[container]]\nname = \"a\"\n", 1, 1, "container 'a'.image", "missing (the pager's ELF, relative to the manifest's folder)");
        _folder.Error(A("[[container.ipc]]\nrights = [\"send\"]"), 4, 1, "container 'a'.ipc[0].to", "missing (the name of the container the cap targets)");
    }

    [Fact]
    public void ImagesMustExistAndBeElfFiles()
    {
        string missing = Path.Combine(_folder.Root, "images", "nope.elf");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"images/nope.elf\"\n", 3, 9, "container 'a'.image", $"image file not found: {missing}");
        string text = Path.Combine(_folder.Root, "images", "readme.txt");
        File.WriteAllText(text, "not an ELF");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"images/readme.txt\"\n", 3, 9, "container 'a'.image", $"{text}: not an ELF file (bad magic)");
        _folder.Error("[[container]]\nname = \"a\"\nimage = \"\"\n", 3, 9, "container 'a'.image", "is empty");
    }

    [Fact]
    public void MemoryAndPhysicalAreExclusive()
        => _folder.Error(A("memory = \"1MiB\"\nphysical = [{ base = 0x62000000, size = 4096 }]"), 5, 1, "container 'a'.physical",
            "give memory (placed by the loader) or physical (explicit regions), not both");

    [Fact]
    public void PhysicalMemoryMustBeInRamAndClearOfTheKernelAndOtherContainers()
    {
        _folder.Error(A("physical = [{ base = 0x70000000, size = \"1MiB\" }]"), 4, 13, "container 'a'.physical[0]",
            "0x70000000-0x700FFFFF is outside the board's RAM (0x60000000-0x67FFFFFF)");
        _folder.Error(A("physical = [{ base = 0x67F00000, size = \"2MiB\" }]"), 4, 13, "container 'a'.physical[0]",
            "0x67F00000-0x680FFFFF is outside the board's RAM (0x60000000-0x67FFFFFF)");
        _folder.Error(A("physical = [{ base = 0x5FF00000, size = \"1MiB\" }]"), 4, 13, "container 'a'.physical[0]",
            "0x5FF00000-0x5FFFFFFF is outside the board's RAM (0x60000000-0x67FFFFFF)");
        _folder.Error(A("physical = [{ base = 0x60600000, size = \"2MiB\" }]"), 4, 13, "container 'a'.physical[0]",
            "0x60600000-0x607FFFFF overlaps the kernel's part of RAM (0x60000000-0x606FFFFF); containers' memory starts at 0x60700000");
        _folder.Error(A("physical = [{ base = 0x62400000, size = \"1MiB\" }]")
                + "[[container]]\nname = \"b\"\nimage = \"images/a.elf\"\nphysical = [{ base = 0x61000000, size = 4096 }, { base = 0x62000000, size = \"8MiB\" }]\n",
            8, 49, "container 'b'.physical[1]", "0x62000000-0x627FFFFF overlaps container 'a' physical[0] (0x62400000-0x624FFFFF)");
        _folder.Error(A("physical = [{ base = 0x62000000, size = \"8MiB\" }, { base = 0x62001000, size = 4096 }]"), 4, 51,
            "container 'a'.physical[1]", "0x62001000-0x62001FFF overlaps physical[0] (0x62000000-0x627FFFFF)");
    }

    [Fact]
    public void VirtualRegionsStayInTheUserHalfAndApart()
    {
        _folder.Error(A("virtual = [{ base = 0, size = 4096 }]"), 4, 12, "container 'a'.virtual[0]",
            "0x00000000-0x00000FFF is outside the user half (0x00001000-0x7FFFFFFF)");
        _folder.Error(A("virtual = [{ base = 0x7FFFF000, size = \"8KiB\" }]"), 4, 12, "container 'a'.virtual[0]",
            "0x7FFFF000-0x80000FFF is outside the user half (0x00001000-0x7FFFFFFF)");
        _folder.Error(A("virtual = [{ base = 0x10000, size = 0x20000 }, { base = 0x20000, size = 4096 }]"), 4, 48,
            "container 'a'.virtual[1]", "0x00020000-0x00020FFF overlaps virtual[0] (0x00010000-0x0002FFFF)");
        _folder.Error(A("virtual = [{ base = 0x10000, size = 0x10000 }]\nentry = 0x20000"), 5, 9, "container 'a'.entry",
            "0x00020000 is outside the container's virtual memory (0x00010000-0x0001FFFF)");
        _folder.Error(A("entry = 0x90000000"), 4, 9, "container 'a'.entry",
            "0x90000000 is outside the container's virtual memory (0x00001000-0x7FFFFFFF)");
    }

    [Fact]
    public void IpcTargetsAreOtherContainersOfTheManifest()
    {
        const string b = "[[container]]\nname = \"client\"\nimage = \"images/a.elf\"\n";
        _folder.Error(A("ipc = [{ to = \"clent\" }]") + b, 4, 15, "container 'a'.ipc[0].to", "no container is named 'clent'; did you mean 'client'?");
        _folder.Error(A("ipc = [{ to = \"zzzzzz\" }]") + b, 4, 15, "container 'a'.ipc[0].to", "no container is named 'zzzzzz'");
        _folder.Error(A("ipc = [{ to = \"a\" }]"), 4, 15, "container 'a'.ipc[0].to", "'a' is this container: it needs no IPC cap to itself");
        _folder.Error(A("ipc = [{ to = \"client\" }, { to = \"client\", pager_only = true }, { to = \"client\" }]") + b, 4, 72,
            "container 'a'.ipc[2].to", "a second grant to 'client' (ipc[0] is the first): merge their rights");
    }

    [Fact]
    public void AutoMemoryThatDoesNotFitSaysHowMuchIsLeft()
    {
        _folder.Error(A("memory = \"100MiB\"") + "[[container]]\nname = \"b\"\nimage = \"images/a.elf\"\nmemory = \"64MiB\"\n", 8, 10,
            "container 'b'.memory", "64 MiB asked, 21 MiB left (0x66B00000-0x67FFFFFF) of the board's 128 MiB of RAM");
        _folder.Error(A("physical = [{ base = 0x67F00000, size = \"1MiB\" }]") + "[[container]]\nname = \"b\"\nimage = \"images/a.elf\"\n", 5, 1,
            "container 'b'.memory", "8 MiB asked, nothing is left of the board's 128 MiB of RAM");
    }

    [Fact]
    public void AManifestNeedsContainers()
    {
        _folder.Error("# nothing\n[board]\ncores = 2\n", 1, 1, "container", "no container: a manifest needs at least one [[container]]");
        _folder.Error("container = []\n", 1, 13, "container", "no container: a manifest needs at least one [[container]]");
    }

    [Fact]
    public void AtMost127Containers()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 128; i++)
        {
            text.Append($"[[container]]\nname = \"c{i}\"\nimage = \"images/a.elf\"\nmemory = \"72KiB\"\n");
        }
        var limits = new BoardLimits { RamSize = 256u << 20, FirstFreeAddress = ManifestFolder.FirstFree };
        _folder.Error(text.ToString(), 127 * 4 + 1, 1, "container[127]", "too many containers: at most 127 (the container field of a thread id)", limits);
        text.Length = 0;
        for (int i = 0; i < 127; i++)
        {
            text.Append($"[[container]]\nname = \"c{i}\"\nimage = \"images/a.elf\"\nmemory = \"72KiB\"\n");
        }
        Assert.Equal(127, _folder.Parse(text.ToString(), limits).Containers.Count);
    }

    [Fact]
    public void AMissingManifestFileFailsAtItsFirstLine()
    {
        string path = Path.Combine(_folder.Root, "absent.toml");
        var e = Assert.Throws<ManifestException>(() => ManifestLoader.Load(path, ManifestFolder.Limits));
        Assert.Equal(new SourceLocation(path, 1, 1), e.Location);
        Assert.Equal("manifest", e.Field);
        Assert.Equal($"{path}:1:1: manifest: cannot read {path}: no such file", e.Message);
        var directory = Assert.Throws<ManifestException>(() => ManifestLoader.Load(_folder.Root, ManifestFolder.Limits));
        Assert.Equal(new SourceLocation(_folder.Root, 1, 1), directory.Location);
    }
}
