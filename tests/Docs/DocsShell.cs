// Runs a command line shown in the docs with sh, in a scratch folder that looks like the repository's root.
using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Codezero.Tests.Docs;

/// <summary>What one command gave: its exit status and its output.</summary>
public sealed record ShellResult(int Status, string Stdout, string Stderr);

/// <summary>
/// A scratch folder holding a symbolic link to every top-level entry of the repository (but .git), so
/// that a command from the docs finds <c>out/cli/codezero</c>, <c>examples/</c> and <c>guests/</c> by
/// the paths the docs give, while the files it writes (a trace, an ELF) land in the scratch folder.
/// </summary>
public sealed class DocsShell : IDisposable
{
    private static readonly Regex s_exitMark = new(@"#.*\(exit (\d+)\)");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "codezero-docs-" + Guid.NewGuid().ToString("N"));

    public DocsShell()
    {
        Directory.CreateDirectory(Folder);
        foreach (string entry in Directory.EnumerateFileSystemEntries(RepoPaths.Root))
        {
            string name = Path.GetFileName(entry);
            if (name != ".git")
            {
                File.CreateSymbolicLink(Path.Combine(Folder, name), entry);
            }
        }
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>The status a command's trailing comment gives as <c>(exit N)</c>, else 0.</summary>
    public static int ExpectedStatus(string command)
    {
        Match mark = s_exitMark.Match(command);
        return mark.Success ? int.Parse(mark.Groups[1].Value) : 0;
    }

    /// <summary>Runs <paramref name="command"/> with <c>sh -c</c> in the scratch folder.</summary>
    public ShellResult Run(string command, int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo("sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command}' did not finish within {timeoutSeconds} s");
        }
        process.WaitForExit();
        return new ShellResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
