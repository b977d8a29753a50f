// Runs a guest under one of the guests/ QEMU reference scripts and captures its stdout and exit status.
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Codezero.Tests.Guests;

/// <summary>The reference side of every "same output as QEMU" test.</summary>
public static class QemuReference
{
    /// <summary>guests/run-qemu.sh: qemu-system-arm -M vexpress-a9, one core, semihosting.</summary>
    public const string SingleCore = "run-qemu.sh";

    /// <summary>guests/baremetal/run-qemu-smp.sh: the same board with four cores.</summary>
    public const string FourCores = "baremetal/run-qemu-smp.sh";

    /// <summary>Runs <paramref name="elf"/> (with guest <paramref name="args"/>) and returns its stdout bytes and exit status.</summary>
    public static async Task<(byte[] Stdout, int Status)> RunAsync(string script, string elf, params string[] args)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "guests", script));
        start.ArgumentList.Add(elf);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        await stderr;
        return (stdout.ToArray(), process.ExitCode);
    }
}
