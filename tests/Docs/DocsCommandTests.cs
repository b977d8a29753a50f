// Every command line in a ```sh block of README.md, examples/README.md and docs/*.md, run as written; it must exit as the docs say.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Codezero.Tests.Docs;

/// <summary>
/// A command exits 0 unless its trailing comment says <c>(exit N)</c>. A block the docs mark
/// <c>&lt;!-- not run: why --&gt;</c> is left out, and must say why. Commands run in a
/// <see cref="DocsShell"/>: the published CLI, examples and guests at the paths the docs give, and the
/// files a command writes in a scratch folder.
/// </summary>
public sealed class DocsCommandTests
{
    public static IEnumerable<object[]> Commands()
    {
        foreach (string file in MarkdownBlocks.DocumentFiles())
        {
            foreach (CodeBlock block in MarkdownBlocks.Read(file))
            {
                if (block.Language != "sh" || (block.Marker?.StartsWith("not run:", StringComparison.Ordinal) ?? false))
                {
                    continue;
                }
                foreach (string command in MarkdownBlocks.Commands(block.Text))
                {
                    yield return new object[] { Path.GetRelativePath(RepoPaths.Root, file), block.Line, command };
                }
            }
        }
    }

    [Fact]
    public void Commands_IncludeTheReadmesAndTheTutorials()
    {
        List<object[]> all = Commands().ToList();
        Assert.Contains(all, c => (string)c[0] == "README.md" && ((string)c[2]).StartsWith("out/cli/codezero boot", StringComparison.Ordinal));
        Assert.Contains(all, c => (string)c[0] == Path.Combine("docs", "tutorial.md"));
    }

    [Fact]
    public void BlocksLeftOut_SayWhy()
    {
        foreach (string file in MarkdownBlocks.DocumentFiles())
        {
            foreach (CodeBlock block in MarkdownBlocks.Read(file))
            {
                if (block.Language == "sh" && (block.Marker?.StartsWith("not run:", StringComparison.Ordinal) ?? false))
                {
                    Assert.True(block.Marker!.Length > "not run: ".Length + 10, $"{block.Where}: a block left out must say why");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_ExitsAsTheDocsSay(string file, int line, string command)
    {
        using var shell = new DocsShell();
        ShellResult result = shell.Run(command);
        int expected = DocsShell.ExpectedStatus(command);
        Assert.True(result.Status == expected,
            $"{file}:{line}: '{command}' exited {result.Status}, the docs imply {expected}\n{result.Stdout}{result.Stderr}");
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
    }
}
