// docs/tutorial.md: the output it shows is what its commands print, and its two containers run in every mode and build.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Codezero.Tests.Cli;
using Xunit;

namespace Codezero.Tests.Docs;

public sealed class TutorialTests : IDisposable
{
    private static readonly string s_tutorial = Path.Combine(RepoPaths.Root, "docs", "tutorial.md");
    private static readonly string s_manifest = Path.Combine(RepoPaths.Root, "examples", "tutorial", "tutorial.toml");
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-tutorial-" + Guid.NewGuid().ToString("N"));

    public TutorialTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Every ```text block of the tutorial marked <c>&lt;!-- output of: COMMAND --&gt;</c>.</summary>
    public static IEnumerable<object[]> OutputBlocks()
        => MarkdownBlocks.Read(s_tutorial)
            .Where(b => b.Language == "text" && (b.Marker?.StartsWith("output of: ", StringComparison.Ordinal) ?? false))
            .Select(b => new object[] { b.Line });

    /// <summary>A shown line as a pattern for a whole output line: "..." stands for anything, spaces for any run of them.</summary>
    private static Regex Pattern(string shown)
    {
        string[] parts = shown.Trim().Split("...");
        string body = string.Join(".*", parts.Select(p => Regex.Replace(Regex.Escape(p), @"(\\ )+", @"\s+")));
        return new Regex(@"^\s*" + body + @"\s*$");
    }

    [Fact]
    public void Tutorial_ShowsOutputBlocks()
    {
        Assert.True(OutputBlocks().Count() >= 2);
    }

    [Theory]
    [MemberData(nameof(OutputBlocks))]
    public void OutputBlock_IsWhatItsCommandPrints(int line)
    {
        CodeBlock block = MarkdownBlocks.Read(s_tutorial).Single(b => b.Line == line);
        string command = block.Marker!["output of: ".Length..];
        using var shell = new DocsShell();
        ShellResult result = shell.Run(command);
        Assert.True(result.Status == 0, $"{command}: exit {result.Status}\n{result.Stderr}");
        string[] output = (result.Stdout + result.Stderr).Split('\n');
        foreach (string shown in block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Regex pattern = Pattern(shown);
            Assert.True(output.Any(o => pattern.IsMatch(o)), $"{block.Where}: '{shown}' is not a line of what '{command}' printed:\n{result.Stdout}{result.Stderr}");
        }
    }

    [Theory]
    [InlineData("1", "deterministic")]
    [InlineData("2", "parallel")]
    [InlineData("4", "deterministic")]
    [InlineData("4", "parallel")]
    public void Tutorial_BootsAndUsesEveryTier(string cpus, string mode)
        => AssertTutorialRun(PublishedCli.Run("boot", "--no-color", "--cpus", cpus, "--mode", mode, s_manifest));

    [Fact]
    public void Tutorial_ThumbBuild_BootsToo()
    {
        string thumb = Path.Combine(RepoPaths.Root, "guests", "build", "l4-thumb");
        string text = File.ReadAllText(s_manifest).Replace("../../guests/build/l4/", thumb + "/");
        Assert.Contains(thumb, text);
        string path = Path.Combine(_temp, "tutorial-thumb.toml");
        File.WriteAllText(path, text);
        AssertTutorialRun(PublishedCli.Run("boot", "--no-color", path));
    }

    private static void AssertTutorialRun(Result run)
    {
        Assert.True(run.Status == 0, $"exit {run.Status}\n{run.Text}\n{run.Stderr}");
        string text = run.Text;
        Assert.Matches(@"client \| client: granted cap 0x[0-9a-f]{8}: frames 0x[0-9a-f]+-0x[0-9a-f]+, from cap 0x00010005\n", text);
        Assert.Contains("client | client: the window says \"hello through the window\"\n", text);
        Assert.Contains("server | server: hello from 0x02001002 (arrived short)\n", text);
        Assert.Contains("server | server: sum of 10 UTCB words = 55 (arrived full)\n", text);
        Assert.Contains("client | client: extended call: 0, 10 bytes back: \"SHOUT THIS\"\n", text);
        Assert.Contains("client | client: short call to the extended thread: -200 (-ENOIPC is -200)\n", text);
        Assert.Contains("server | server: extended thread: done, 1 short or full sender refused\n", text);
        Assert.Contains("server | server: bye (arrived full); the window says \"hello back from the client\"\n", text);
        Assert.Contains("client | client: bye: 0\n", text);
        // name, ended, threads, short, full, extended, faults: the counts the tutorial explains
        Assert.Matches(@"\n  server exit 0 +2 +2 +1 +2 +0 +\d+\n", run.Stderr);
        Assert.Matches(@"\n  client exit 0 +1 +1 +2 +2 +0 +\d+\n", run.Stderr);
    }
}
