// guests/l4/README.md's "A program of your own": its commands, run exactly as written, build, check and boot a Thumb-2 program.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Codezero.Tests.Docs;

public sealed class L4ReadmeBuildTests
{
    private static List<string> ReadmeCommands()
    {
        string readme = Path.Combine(RepoPaths.Root, "guests", "l4", "README.md");
        List<CodeBlock> blocks = MarkdownBlocks.Read(readme).Where(b => b.Language == "sh").ToList();
        CodeBlock build = Assert.Single(blocks, b => b.Text.Contains("arm-none-eabi-gcc", StringComparison.Ordinal));
        return MarkdownBlocks.Commands(build.Text);
    }

    [Fact]
    public void ReadmeBuildCommand_PassesTheAssemblerOptionThroughGcc()
    {
        string gcc = Assert.Single(ReadmeCommands(), c => c.StartsWith("arm-none-eabi-gcc ", StringComparison.Ordinal));
        string[] words = gcc.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("-Wa,-mimplicit-it=always", words);
        Assert.DoesNotContain("-mimplicit-it=always", words); // gcc refuses it: "unrecognized command-line option"
        Assert.Contains("guests/libl4/src/crt0.S", words);   // the file that needs it in Thumb
        Assert.Contains("-mthumb", words);
    }

    [Fact]
    public void ReadmeBuildCommands_AsWritten_BuildACheckedThumbElfThatBoots()
    {
        List<string> commands = ReadmeCommands();
        Assert.Equal(3, commands.Count);
        using var shell = new DocsShell();

        ShellResult build = shell.Run(commands[0]);
        Assert.True(build.Status == 0, $"{commands[0]}\nexit {build.Status}\n{build.Stderr}");
        byte[] elf = File.ReadAllBytes(Path.Combine(shell.Folder, "hello.elf"));
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 1 /* 32-bit */, 1 /* little-endian */ }, elf[..6]);
        Assert.Equal(40, BitConverter.ToUInt16(elf, 18)); // e_machine: EM_ARM
        uint entry = BitConverter.ToUInt32(elf, 24);
        Assert.True((entry & 1) == 1, $"entry 0x{entry:x8} is not a Thumb address");

        ShellResult check = shell.Run(commands[1]);
        Assert.True(check.Status == 0, $"{commands[1]}\nexit {check.Status}\n{check.Stdout}{check.Stderr}");

        ShellResult boot = shell.Run(commands[2]);
        Assert.True(boot.Status == 0, $"{commands[2]}\nexit {boot.Status}\n{boot.Stderr}");
        Assert.Contains("hello from thread 0x", boot.Stdout);
    }
}
