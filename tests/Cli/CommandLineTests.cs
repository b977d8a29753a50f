// The published binary's command line as a new user meets it: per-verb usage errors, -h, suggestions, extra arguments, input and output files.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;
using static Codezero.Tests.Cli.PublishedCli;

namespace Codezero.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-cli-" + Guid.NewGuid().ToString("N"));

    public CommandLineTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name, name + ".toml");

    /// <summary>A usage error from the parser: the problem, naming the verb, then where that verb's help is; nothing on stdout.</summary>
    private static void AssertUsage(Result result, string verb, string problem)
    {
        Assert.True(result.Status == 64, $"status {result.Status}\n{result.Text}\n{result.Stderr}");
        Assert.Equal($"codezero: {verb}: {problem}\ncodezero: see 'codezero {verb} --help'\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    // Item 4: extra positional arguments.

    [Fact]
    public void Boot_with_two_manifests_is_a_usage_error_before_anything_runs()
    {
        AssertUsage(Run("boot", Example("hello"), "b.toml"), "boot", "unexpected argument 'b.toml' (boot takes one <manifest>)");
    }

    [Fact]
    public void Inspect_and_bench_take_one_positional_argument()
    {
        AssertUsage(Run("inspect", Example("hello"), "b"), "inspect", "unexpected argument 'b' (inspect takes one <manifest>)");
        AssertUsage(Run("bench", "ipc", "thumb"), "bench", "unexpected argument 'thumb' (bench takes one <what>)");
    }

    // Item 5: output files are checked before the run.

    [Fact]
    public void A_trace_path_that_cannot_be_created_is_a_usage_error_before_anything_runs()
    {
        string missing = Path.Combine(_temp, "nonexistent", "dir", "t.json");
        AssertOneLineError(Run("boot", "--trace", missing, Example("hello")), 64,
            $"--trace {missing}: no such directory {Path.Combine(_temp, "nonexistent", "dir")}");
        AssertOneLineError(Run("boot", "--trace", _temp, Example("hello")), 64, $"--trace {_temp}: is a directory");
        string file = Path.Combine(_temp, "plain");
        File.WriteAllText(file, "");
        AssertOneLineError(Run("boot", "--trace", Path.Combine(file, "t.json"), Example("hello")), 64,
            $"--trace {Path.Combine(file, "t.json")}: {file} is not a directory");
    }

    // Items 6 and 14: input files must be regular files of bounded size.

    [Fact]
    public void A_directory_given_as_a_manifest_or_an_ELF_says_it_is_a_directory()
    {
        AssertOneLineError(Run("boot", _temp), 78, $"{_temp}: is a directory, not a manifest");
        AssertOneLineError(Run("inspect", _temp), 78, $"{_temp}: is a directory, not a manifest");
        AssertOneLineError(Run("run", _temp), 65, $"{_temp}: is a directory, not an ELF file");
        AssertOneLineError(Run("kernel", _temp), 65, $"{_temp}: is a directory, not an ELF file");
        AssertOneLineError(Run("compare-qemu", _temp), 65, $"{_temp}: is a directory, not an ELF file");
    }

    [Theory]
    [InlineData("run", 65, "an ELF file")]
    [InlineData("kernel", 65, "an ELF file")]
    [InlineData("compare-qemu", 65, "an ELF file")]
    [InlineData("inspect", 78, "a manifest")]
    [InlineData("boot", 78, "a manifest")]
    public void Devices_are_refused_without_being_read(string verb, int status, string what)
    {
        AssertOneLineError(Run(verb, "/dev/zero"), status, $"/dev/zero: is a character device, not {what}");
        AssertOneLineError(Run(verb, "/dev/urandom"), status, $"/dev/urandom: is a character device, not {what}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    [Theory]
    [InlineData("run", 65, "an ELF file")]
    [InlineData("kernel", 65, "an ELF file")]
    [InlineData("compare-qemu", 65, "an ELF file")]
    [InlineData("inspect", 78, "a manifest")]
    [InlineData("boot", 78, "a manifest")]
    public void A_FIFO_without_a_writer_is_refused_at_once(string verb, int status, string what)
    {
        string fifo = Path.Combine(_temp, "fifo");
        Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("600", 8)));
        AssertOneLineError(RunWithin(20, verb, fifo), status, $"{fifo}: is a FIFO (named pipe), not {what}");
    }

    [Fact]
    public void An_ELF_larger_than_the_board_can_hold_is_refused_unread()
    {
        string big = Path.Combine(_temp, "big.elf");
        using (FileStream file = File.Create(big))
        {
            file.SetLength((1L << 30) + 1); // sparse: nothing is written
        }
        foreach (string verb in new[] { "run", "kernel", "compare-qemu" })
        {
            AssertOneLineError(Run(verb, big), 65,
                $"{big}: 1073741825 bytes is larger than the largest image the board can hold (1024 MiB, its most RAM)");
        }
    }

    [Fact]
    public void A_manifest_larger_than_1_MiB_is_refused_unread()
    {
        string big = Path.Combine(_temp, "big.toml");
        using (FileStream file = File.Create(big))
        {
            file.SetLength((1L << 20) + 1);
        }
        AssertOneLineError(Run("inspect", big), 78, $"{big}: 1048577 bytes is larger than 1 MiB, the most a manifest may be");
    }

    [Fact]
    public void A_console_that_fails_is_one_line_never_a_stack_trace()
    {
        (int status, string stderr) = RunWithStdoutFull("run", Guest("hello.elf"));

        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.Equal("codezero: cannot write to stdout: No space left on device\n", stderr);
        Assert.Equal(74, status);
    }

    [Fact]
    public void Output_that_fails_outside_the_board_is_one_line_too()
    {
        // inspect prints with Console.Out: the failure reaches Program.Main's last line of defence
        (int status, string stderr) = RunWithStdoutFull("inspect", Example("pingpong"));

        Assert.Equal("codezero: input/output error: No space left on device\n", stderr);
        Assert.Equal(74, status);
    }

    /// <summary>Runs <c>codezero VERB ARGUMENT</c> with stdout on /dev/full, where every write fails with ENOSPC.</summary>
    private static (int Status, string Stderr) RunWithStdoutFull(string verb, string argument)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$1\" \"$2\" > /dev/full");
        start.ArgumentList.Add(Binary());
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }

    // Item 7: each verb's errors name the verb and its own argument; -h; suggestions.

    [Theory]
    [InlineData("boot", "<manifest>")]
    [InlineData("inspect", "<manifest>")]
    [InlineData("kernel", "<elf>")]
    [InlineData("run", "<elf>")]
    [InlineData("compare-qemu", "<elf>")]
    [InlineData("bench", "<what>")]
    public void A_missing_argument_names_the_verb_and_its_argument(string verb, string argument)
    {
        AssertUsage(Run(verb), verb, $"missing the {argument} argument");
    }

    [Fact]
    public void An_option_close_to_a_known_one_gets_a_suggestion()
    {
        AssertUsage(Run("boot", "--cpu", "2", Example("hello")), "boot", "unknown option '--cpu'; did you mean '--cpus'?");
        AssertUsage(Run("run", "--sumary", Guest("hello.elf")), "run", "unknown option '--sumary'; did you mean '--summary'?");
        AssertUsage(Run("kernel", "--max-instruction", "5", Guest("l4/hello.elf")), "kernel",
            "unknown option '--max-instruction'; did you mean '--max-instructions'?");
        AssertUsage(Run("boot", "--frobnicate", Example("hello")), "boot", "unknown option '--frobnicate'");
    }

    [Fact]
    public void A_verb_close_to_a_known_one_gets_a_suggestion()
    {
        Result result = Run("bot", Example("hello"));
        Assert.Equal(64, result.Status);
        Assert.Equal("codezero: unknown verb 'bot'; did you mean 'boot'?\ncodezero: see 'codezero --help'\n", result.Stderr);
    }

    [Fact]
    public void A_bad_value_names_the_verb_and_the_option()
    {
        AssertUsage(Run("boot", "--cpus", "two", Example("hello")), "boot", "--cpus needs a whole number");
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_at_the_top_level_lists_every_verb(string flag)
    {
        Result result = Run(flag);
        Assert.True(result.Status == 0, result.Stderr);
        Assert.Contains("usage: codezero boot|inspect <manifest>, codezero kernel <program.elf>..., "
            + "codezero run|compare-qemu [options] <elf> [guest args...], codezero bench ipc|thumb", result.Text);
        foreach (string verb in new[] { "run", "compare-qemu", "kernel", "boot", "inspect", "bench" })
        {
            Assert.Matches(@"(?m)^  " + Regex.Escape(verb) + " ", result.Text);
        }
    }

    // Item 8: every verb's help exits 0, wherever -h or --help stands among codezero's own arguments.

    [Theory]
    [InlineData("--trace", "boot -h")]
    [InlineData("--trace", "boot --help")]
    [InlineData("--trace", "boot examples/hello/hello.toml --help")]
    [InlineData("--round-trips", "bench ipc --help")]
    [InlineData("--round-trips", "bench thumb -h")]
    [InlineData("--cpus", "inspect -h")]
    [InlineData("--container-mib", "kernel --cpus 2 -h")]
    [InlineData("--summary", "run --cpus 2 --help")]
    [InlineData("--summary", "run -h")]
    [InlineData("--qemu", "compare-qemu -h")]
    public void Every_verbs_help_exits_0(string shows, string commandLine)
    {
        Result result = Run(commandLine.Split(' '));
        Assert.True(result.Status == 0, $"status {result.Status}\n{result.Stderr}");
        Assert.Contains(shows, result.Text);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void A_guests_own_h_is_passed_to_the_guest()
    {
        Result result = Run("run", Guest("args.elf"), "-h");
        Assert.DoesNotContain("usage: codezero", result.Text);
        Assert.Contains("-h", result.Text);
    }

    [Fact]
    public void The_verbs_table_in_docs_cli_md_lists_every_verb()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        string table = doc[doc.IndexOf("## Verbs", StringComparison.Ordinal)..doc.IndexOf("## Command line shape", StringComparison.Ordinal)];
        foreach (string verb in new[] { "boot", "inspect", "kernel", "run", "compare-qemu", "bench" })
        {
            Assert.Matches(@"(?m)^\| `" + Regex.Escape(verb) + " ", table);
        }
    }

    // Item 11: a libl4 program given to run.

    [Theory]
    [InlineData("run", "l4/hello.elf")]
    [InlineData("run", "l4-thumb/hello.elf")]
    [InlineData("compare-qemu", "l4/spin.elf")]
    public void A_libl4_program_given_to_run_says_to_use_kernel_or_a_manifest(string verb, string elf)
    {
        string path = Guest(elf);
        AssertOneLineError(Run(verb, path), 65, $"{path}: a libl4 program for the Codezero kernel, not a bare-metal ELF: "
            + $"run it with 'codezero kernel {path}' or as a container of a manifest with 'codezero boot'");
    }
}
