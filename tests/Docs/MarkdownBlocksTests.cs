// The docs tests' reader: markers before blocks, shell command lines, regions of source files, exit marks.
using System;
using System.IO;
using Xunit;

namespace Codezero.Tests.Docs;

public sealed class MarkdownBlocksTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-md-" + Guid.NewGuid().ToString("N"));

    public MarkdownBlocksTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_temp, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_TakesTheMarkerOnTheLineBeforeTheFence_AndOnlyThere()
    {
        string md = Write("a.md",
            "# T\n\n<!-- fragment -->\n\n```toml\na = 1\n```\n\ntext\n\n```sh\nls\n```\n\n<!-- from: x/y.c#main -->\n```c\nint x;\n```\n");
        var blocks = MarkdownBlocks.Read(md);
        Assert.Equal(3, blocks.Count);
        Assert.True(blocks[0].IsFragment);
        Assert.Equal("toml", blocks[0].Language);
        Assert.Equal("a = 1\n", blocks[0].Text);
        Assert.Equal(5, blocks[0].Line);                // the opening fence's line
        Assert.Null(blocks[1].Marker);                 // a paragraph in between clears the marker
        Assert.Equal("x/y.c", blocks[2].FromPath);
        Assert.Equal("main", blocks[2].FromRegion);
    }

    [Fact]
    public void Read_RefusesAnUnclosedBlock()
    {
        string md = Write("b.md", "```sh\nls\n");
        Assert.Throws<InvalidDataException>(() => MarkdownBlocks.Read(md));
    }

    [Fact]
    public void Commands_JoinContinuations_AndSkipCommentLines()
    {
        var commands = MarkdownBlocks.Commands("# a comment\ngcc -a \\\n    -b \\\n  -c\n\nls   # list (exit 2)\n");
        Assert.Equal(new[] { "gcc -a -b -c", "ls   # list (exit 2)" }, commands);
        Assert.Equal(2, DocsShell.ExpectedStatus(commands[1]));
        Assert.Equal(0, DocsShell.ExpectedStatus(commands[0]));
    }

    [Fact]
    public void Extract_GivesTheLinesBetweenTheMarkers()
    {
        string c = Write("p.c", "int a;\n/* @region one */\nint b;\nint c;\n/* @end one */\nint d;\n");
        Assert.Equal("int b;\nint c;\n", MarkdownBlocks.Extract(c, "one"));
        Assert.Equal(File.ReadAllText(c), MarkdownBlocks.Extract(c, null));
        Assert.Throws<InvalidDataException>(() => MarkdownBlocks.Extract(c, "two"));
    }
}
