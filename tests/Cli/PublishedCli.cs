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

    public static Result Run(params string[] args) => RunWithin(120, args);

    /// <summary><see cref="Run"/> with a limit of <paramref name="seconds"/>, after which the run is killed and the test fails.</summary>
    public static Result RunWithin(int seconds, params string[] args)
    {
        using Process process = Start(out Task<byte[]> stdout, out Task<string> stderr, args);
        if (!process.WaitForExit(seconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"our side, not a reference: codezero {string.Join(' ', args)} did not finish within {seconds} s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts codezero with <paramref name="args"/> in the repository root, stdin closed, its stdout and
    /// stderr read as they come; the caller waits for it and kills it if it must.
    /// </summary>
    public static Process Start(out Task<byte[]> stdout, out Task<string> stderr, params string[] args)
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
        Process process = Process.Start(start)!;
        process.StandardInput.Close();
        stdout = ReadAll(process.StandardOutput.BaseStream);
        stderr = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<byte[]> ReadAll(Stream stream)
    {
        var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
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
