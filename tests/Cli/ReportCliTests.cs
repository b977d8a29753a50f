// End-to-end tests of the reports the published binary prints: thread lists at a limit, fault reports, never-started threads.
using System;
using System.IO;
using Xunit;

namespace Codezero.Tests.Cli;

public sealed class ReportCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-report-" + Guid.NewGuid().ToString("N"));

    public ReportCliTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>A manifest in the temp folder, next to copies of the named guests/build/l4 programs.</summary>
    private string Manifest(string text, params string[] programs)
    {
        foreach (string program in programs)
        {
            File.Copy(PublishedCli.Guest("l4/" + program + ".elf"), Path.Combine(_temp, program + ".elf"), overwrite: true);
        }
        string path = Path.Combine(_temp, "m.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Kernel_at_the_instruction_limit_lists_a_looping_thread_inside_its_loop()
    {
        Result result = PublishedCli.Run("kernel", "--max-instructions", "200000", PublishedCli.Guest("l4/spin.elf"));

        Assert.Equal(66, result.Status);
        Assert.Matches(@"thread 0x01001001 Running .* pc 0x[0-9a-f]{8} \(spin\+0x[0-9a-f]+ in spin\.elf\)\n", result.Stderr);
        Assert.DoesNotContain("pc 0x00010000", result.Stderr);
    }

    [Fact]
    public void Boot_at_the_cycle_limit_lists_the_live_threads_with_the_manifests_container_names()
    {
        string path = Manifest("[[container]]\nname = \"spinner\"\nimage = \"spin.elf\"\n", "spin");
        Result result = PublishedCli.Run("boot", "--max-cycles", "300000", path);

        Assert.Equal(66, result.Status);
        Assert.Contains("codezero: stopped at the cycle limit; threads still live:\n", result.Stderr);
        Assert.Matches(@"thread 0x01001001 Running .* pc 0x[0-9a-f]{8} \(spin\+0x[0-9a-f]+ in spinner\)\n", result.Stderr);
    }

    [Fact]
    public void A_fault_report_under_boot_names_the_manifests_container_and_the_function()
    {
        string path = Manifest("[[container]]\nname = \"crashy\"\nimage = \"crash.elf\"\n", "crash");
        Result result = PublishedCli.Run("boot", "--no-color", path);

        Assert.Equal(70, result.Status);
        Assert.Matches(@"kernel \| kernel: thread 0x01001001 stopped: data abort at pc 0x[0-9a-f]{8} \(main\+0x[0-9a-f]+ in crashy\), address 0x00000004, ", result.Text);
    }

    [Fact]
    public void A_fault_report_under_kernel_names_the_program_file_and_the_function()
    {
        Result result = PublishedCli.Run("kernel", PublishedCli.Guest("l4-thumb/crash.elf"));

        Assert.Equal(134, result.Status);
        Assert.Matches(@"kernel: thread 0x01001001 stopped: data abort at pc 0x[0-9a-f]{8} \(main\+0x[0-9a-f]+ in crash\.elf\), address 0x00000004, ", result.Text);
    }

    [Fact]
    public void A_division_by_zero_under_kernel_is_reported_as_such_with_the_function_that_divided()
    {
        Result result = PublishedCli.Run("kernel", PublishedCli.Guest("l4/divzero.elf"));

        Assert.Equal(134, result.Status);
        Assert.Matches(@"\nkernel: thread 0x01001001 stopped: division by zero at pc 0x[0-9a-f]{8} \(main\+0x[0-9a-f]+ in divzero\.elf\) \(no pager\)\n", result.Text);
        Assert.DoesNotContain("2147483647", result.Text);
    }

    [Fact]
    public void Boot_ends_a_container_whose_root_exited_leaving_threads_never_started_with_status_0()
    {
        string path = Manifest("[[container]]\nname = \"lazy\"\nimage = \"unstarted.elf\"\n", "unstarted");
        Result result = PublishedCli.Run("boot", "--no-color", path);

        Assert.True(result.Status == 0, result.Stderr);
        Assert.Contains("kernel | kernel: lazy ended; 2 threads it created never started: 0x01001002 0x01001003\n", result.Text);
        Assert.Matches(@"\n  lazy exit 0 ", result.Stderr);
        Assert.DoesNotContain("blocked", result.Stderr);
    }

    /// <summary>The sample report lines in docs/abi.md and docs/kernel.md are what these runs print, word for word.</summary>
    [Theory]
    [InlineData("docs/abi.md", "kernel: thread 0x01001001 stopped: data abort at pc ", "crash")]
    [InlineData("docs/kernel.md", "kernel: thread 0x01001001 stopped: data abort at pc ", "crash")]
    [InlineData("docs/abi.md", "kernel: thread 0x01001001 stopped: division by zero at pc ", "divzero")]
    [InlineData("docs/kernel.md", "thread 0x01001001 Running ", "spin")]
    public void A_report_sample_in_the_docs_is_what_the_binary_prints(string doc, string start, string program)
    {
        string sample = "";
        foreach (string line in File.ReadAllLines(Path.Combine(RepoPaths.Root, doc)))
        {
            if (line.StartsWith("    " + start, StringComparison.Ordinal))
            {
                sample = line.Trim();
                break;
            }
        }
        Assert.True(sample.Length > 0, $"{doc} shows no line starting with '{start}'");

        Result result = program == "spin"
            ? PublishedCli.Run("kernel", "--max-instructions", "200000", "guests/build/l4/spin.elf")
            : PublishedCli.Run("kernel", "guests/build/l4/" + program + ".elf");

        Assert.Contains(sample + "\n", result.Text + result.Stderr);
    }
}
