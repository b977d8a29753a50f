// The manifests docs/ and README.md show: each is the file it claims to be, and each boots (or, marked a fragment, parses).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Codezero.Tests.Cli;
using Xunit;

namespace Codezero.Tests.Docs;

public sealed class ManifestDocsTests
{
    /// <summary>Every ```toml block of README.md, examples/README.md and docs/*.md.</summary>
    public static IEnumerable<object[]> ManifestBlocks()
    {
        foreach (string file in MarkdownBlocks.DocumentFiles())
        {
            foreach (CodeBlock block in MarkdownBlocks.Read(file))
            {
                if (block.Language == "toml")
                {
                    yield return new object[] { Path.GetRelativePath(RepoPaths.Root, file), block.Line };
                }
            }
        }
    }

    /// <summary>Every block of README.md, examples/README.md and docs/*.md marked <c>&lt;!-- from: PATH[#REGION] --&gt;</c>.</summary>
    public static IEnumerable<object[]> FromBlocks()
    {
        foreach (string file in MarkdownBlocks.DocumentFiles())
        {
            foreach (CodeBlock block in MarkdownBlocks.Read(file))
            {
                if (block.FromPath != null)
                {
                    yield return new object[] { Path.GetRelativePath(RepoPaths.Root, file), block.Line };
                }
            }
        }
    }

    private static CodeBlock BlockAt(string file, int line)
        => MarkdownBlocks.Read(Path.Combine(RepoPaths.Root, file)).Single(b => b.Line == line);

    [Fact]
    public void CompleteExample_IsPingpongToml_ByteForByte()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "manifest.md"));
        int section = doc.IndexOf("## A complete example", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/manifest.md has no '## A complete example'");
        int start = doc.IndexOf("```toml\n", section, StringComparison.Ordinal) + "```toml\n".Length;
        int end = doc.IndexOf("```\n", start, StringComparison.Ordinal);
        string shown = doc[start..end];
        string file = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "pingpong", "pingpong.toml"));
        Assert.Equal(file, shown);
    }

    [Fact]
    public void ManifestBlocks_AreFound()
    {
        Assert.Contains(ManifestBlocks(), b => (string)b[0] == Path.Combine("docs", "manifest.md"));
        Assert.Contains(ManifestBlocks(), b => (string)b[0] == Path.Combine("docs", "tutorial.md"));
    }

    [Fact]
    public void ManifestDoc_NamesOnlyOptionsThatBootTakes()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "manifest.md"));
        Result help = PublishedCli.Run("boot", "--help");
        Assert.Equal(0, help.Status);
        string options = help.Text + help.Stderr;
        foreach (System.Text.RegularExpressions.Match option in System.Text.RegularExpressions.Regex.Matches(doc, @"--[a-z][a-z-]*"))
        {
            Assert.Matches(System.Text.RegularExpressions.Regex.Escape(option.Value) + @"(?![a-z-])", options);
        }
    }

    [Theory]
    [MemberData(nameof(FromBlocks))]
    public void FromBlock_IsTheTextOfItsFile(string file, int line)
    {
        CodeBlock block = BlockAt(file, line);
        string source = Path.Combine(RepoPaths.Root, block.FromPath!);
        Assert.True(File.Exists(source), $"{block.Where}: {block.FromPath} does not exist");
        Assert.Equal(MarkdownBlocks.Extract(source, block.FromRegion), block.Text);
    }

    [Theory]
    [MemberData(nameof(ManifestBlocks))]
    public void ManifestBlock_BootsWithThePublishedCli_OrIsAValidFragment(string file, int line)
    {
        CodeBlock block = BlockAt(file, line);
        if (block.IsFragment)
        {
            Tomlyn.Syntax.DocumentSyntax parsed = Tomlyn.Parsing.SyntaxParser.Parse(block.Text, block.Where, validate: true);
            Assert.False(parsed.HasErrors, $"{block.Where}: a fragment that is not TOML: {string.Join("; ", parsed.Diagnostics)}");
            return;
        }
        // A whole manifest: the file it was taken from, or (relative paths from the repository's root) a copy at the root.
        string path = block.FromPath != null
            ? Path.Combine(RepoPaths.Root, block.FromPath)
            : Path.Combine(RepoPaths.Root, $".docs-manifest-{Guid.NewGuid():N}.toml");
        if (block.FromPath == null)
        {
            File.WriteAllText(path, block.Text);
        }
        try
        {
            Assert.Equal(File.ReadAllText(path), block.Text);
            Result boot = PublishedCli.Run("boot", "--no-color", path);
            Assert.True(boot.Status == 0, $"{block.Where}: codezero boot exited {boot.Status}\n{boot.Text}{boot.Stderr}");
            Assert.DoesNotContain("   at ", boot.Stderr);
        }
        finally
        {
            if (block.FromPath == null)
            {
                File.Delete(path);
            }
        }
    }
}
