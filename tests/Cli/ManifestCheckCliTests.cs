// End-to-end: what the manifest check refuses, `inspect` and `boot` both refuse, at the field, with status 78 and one line.
using System;
using System.IO;
using Xunit;

namespace Codezero.Tests.Cli;

public sealed class ManifestCheckCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-check-" + Guid.NewGuid().ToString("N"));

    public ManifestCheckCliTests()
    {
        Directory.CreateDirectory(_temp);
        File.Copy(PublishedCli.Guest("l4/hello.elf"), Path.Combine(_temp, "hello.elf"));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_temp, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Both verbs: status 78, one line "codezero: PATH:LINE:COLUMN: FIELD: PROBLEM", nothing on stdout.</summary>
    private static void BothVerbsRefuse(string path, string located)
    {
        foreach (string verb in new[] { "inspect", "boot" })
        {
            Result result = PublishedCli.Run(verb, path);
            Assert.True(result.Status == 78, $"{verb}: status {result.Status}\n{result.Stderr}");
            Assert.StartsWith($"codezero: {path}:{located}", result.Stderr);
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.Empty(result.Stdout);
        }
    }

    [Fact]
    public void Semihosting_is_refused_at_its_value()
        => BothVerbsRefuse(Write("semi.toml", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nsemihosting = true\n"),
            "4:15: container 'a'.semihosting: the kernel serves no semihosting");

    [Fact]
    public void A_64_bit_image_is_refused_at_the_image_field()
    {
        byte[] elf = File.ReadAllBytes(Path.Combine(_temp, "hello.elf"));
        elf[4] = 2;
        File.WriteAllBytes(Path.Combine(_temp, "wide.elf"), elf);
        BothVerbsRefuse(Write("wide.toml", "[[container]]\nname = \"a\"\nimage = \"wide.elf\"\n"),
            $"3:9: container 'a'.image: {Path.Combine(_temp, "wide.elf")}: ELF class is 64-bit, expected 32-bit");
    }

    [Fact]
    public void A_bare_metal_newlib_image_is_refused_before_it_can_crash()
    {
        File.Copy(PublishedCli.Guest("hello.elf"), Path.Combine(_temp, "newlib.elf"));
        BothVerbsRefuse(Write("newlib.toml", "[[container]]\nname = \"a\"\nimage = \"newlib.elf\"\n"),
            $"3:9: container 'a'.image: {Path.Combine(_temp, "newlib.elf")} is not a libl4 program");
    }

    [Fact]
    public void An_entry_outside_the_image_is_refused_at_the_entry()
        => BothVerbsRefuse(Write("entry.toml", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nentry = 0x20000000\n"),
            "4:9: container 'a'.entry: 0x20000000 is outside the image's code (0x00010000-");

    [Fact]
    public void Virtual_regions_that_miss_the_image_are_refused_at_virtual()
        => BothVerbsRefuse(Write("virtual.toml", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nvirtual = [{ base = 0x40000000, size = 4096 }]\n"),
            "4:11: container 'a'.virtual: does not cover the image's segment 0 (code, 0x00010000-");

    [Fact]
    public void Pools_beyond_the_kernels_limit_are_refused_at_their_line_and_a_large_one_is_honoured()
    {
        BothVerbsRefuse(Write("threads.toml", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\npools = { threads = 3000 }\n"
                + "[[container]]\nname = \"b\"\nimage = \"hello.elf\"\npools = { threads = 3000 }\n"),
            "8:21: container 'b'.pools.threads: 3000 and the 3000 of the containers before it make 6000; the kernel has at most 4095 threads");
        Result result = PublishedCli.Run("inspect", Write("spaces.toml", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\npools = { spaces = 4095 }\n"));
        Assert.True(result.Status == 0, result.Stderr);
        Assert.Contains("4095 spaces", System.Text.Encoding.UTF8.GetString(result.Stdout));
    }

    [Fact]
    public void Memory_that_large_pools_used_up_is_explained()
        => BothVerbsRefuse(Write("ram.toml", "[board]\nram_mib = 16\n[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nmemory = \"8MiB\"\npools = { threads = 4095 }\n"),
            "6:10: container 'a'.memory: 8 MiB asked, 1 MiB left (0x60F00000-0x60FFFFFF) of the board's 16 MiB of RAM; the kernel's part takes 15 MiB: "
            + "2 MiB of thread, space and mutex records, 8190 KiB of IPC staging for 4095 threads");

    [Fact]
    public void Deep_nesting_binary_input_and_a_huge_file_are_one_line_errors_with_status_78()
    {
        string deep = Write("deep.toml", "a = " + string.Concat(System.Linq.Enumerable.Repeat("{ b = ", 100)) + "1" + new string('}', 100) + "\n");
        BothVerbsRefuse(deep, "1:197: toml: nested deeper than 32 arrays and inline tables");
        string binary = Path.Combine(_temp, "binary.toml");
        var bytes = new byte[4096];
        new Random(78).NextBytes(bytes);
        File.WriteAllBytes(binary, bytes);
        BothVerbsRefuse(binary, "");
        string huge = Path.Combine(_temp, "huge.toml");
        using (FileStream file = File.Create(huge))
        {
            file.SetLength(50L << 20);
        }
        BothVerbsRefuse(huge, "");
    }

    [Fact]
    public void A_fifo_as_manifest_or_as_image_is_refused_without_hanging()
    {
        string fifo = Path.Combine(_temp, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
        {
            mkfifo.WaitForExit();
        }
        BothVerbsRefuse(fifo, "");
        BothVerbsRefuse(Write("fifo-image.toml", "[[container]]\nname = \"a\"\nimage = \"pipe\"\n"), "3:9: container 'a'.image: cannot read image");
    }
}
