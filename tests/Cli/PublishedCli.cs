// Runs the published NativeAOT codezero binary and captures its exit status, stdout and stderr.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Codezero.Tests.Cli;

/// <summary>What one run of the binary gave.</summary>
public sealed record Result(int Status, byte[] Stdout, string Stderr)
{
    public string Text => Encoding.UTF8.GetString(Stdout);
}

/// <summary>
/// <c>out/cli/codezero</c>, which the test script publishes first with
/// <c>dotnet publish cli/Codezero.Cli.csproj -c Release -r linux-x64 -o out/cli</c>; the guests come from
/// <c>make -C guests</c>.
/// </summary>
public static class PublishedCli
{
    public static string Binary()
    {
        string path = Path.Combine(RepoPaths.Root, "out", "cli", "codezero");
        Assert.True(File.Exists(path),
            $"{path} is missing: publish it first with 'dotnet publish cli/Codezero.Cli.csproj -c Release -r linux-x64 -o out/cli' in {RepoPaths.Root}");
        return path;
    }

    public static string Guest(string name)
    {
        string path = Path.Combine(RepoPaths.Root, "guests", "build", name);
        Assert.True(File.Exists(path), $"{path} is missing: build the guest programs with 'make -C guests' in {RepoPaths.Root}");
        return path;
    }

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo(Binary())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("our side, not a reference: codezero " + string.Join(' ', args) + " did not finish within 120 s");
        }
        process.WaitForExit();
        copy.Wait();
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>A failure the CLI reports as one line on stderr, nothing on stdout, no stack trace.</summary>
    public static void AssertOneLineError(Result result, int status, string message)
    {
        Assert.Equal(status, result.Status);
        Assert.Equal("codezero: " + message + "\n", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Empty(result.Stdout);
    }
}
