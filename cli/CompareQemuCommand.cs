// `codezero compare-qemu`: runs one ELF here and under qemu-arm, compares stdout and status, times both.
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Codezero.Cli.Options;
using Codezero.Hal.ArmCortexA9.Boot;

namespace Codezero.Cli;

public static class CompareQemuCommand
{
    public static int Execute(CompareQemuOptions options, string[] guestArgs)
    {
        if (options.Timeout <= 0)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{CompareQemuOptions.TimeoutName} must be positive");
        }
        ElfImage image = GuestRunner.Prepare(options);

        var ourOut = new MemoryStream();
        GuestRunResult ours = GuestRunner.Run(options, image, guestArgs, ourOut, Stream.Null, null, consoleIsTerminal: false);
        string? ourStop = GuestRunner.StopReason(ours, image);

        (byte[] qemuOut, int qemuStatus, double qemuSeconds) = RunQemu(options, guestArgs);

        byte[] ourBytes = ourOut.ToArray();
        int ourStatus = (ours.ExitStatus ?? -1) & 0xFF;
        string? difference = ourStop ?? Difference(ourBytes, qemuOut, ourStatus, qemuStatus);

        CultureInfo c = CultureInfo.InvariantCulture;
        double mips = ours.HostSeconds > 0 ? ours.Instructions / ours.HostSeconds / 1e6 : 0;
        TextWriter o = Console.Out;
        o.WriteLine(string.Format(c, "{0,-12} {1,12} {2,12} {3,13}", "", "host seconds", "exit status", "stdout bytes"));
        o.WriteLine(string.Format(c, "{0,-12} {1,12:F3} {2,12} {3,13}", "codezero", ours.HostSeconds,
            ours.ExitStatus is null ? "-" : ourStatus.ToString(c), ourBytes.Length));
        o.WriteLine(string.Format(c, "{0,-12} {1,12:F3} {2,12} {3,13}", Path.GetFileName(options.Qemu), qemuSeconds, qemuStatus, qemuOut.Length));
        o.WriteLine(string.Format(c, "ratio (codezero / {0}): {1:F2}", Path.GetFileName(options.Qemu),
            qemuSeconds > 0 ? ours.HostSeconds / qemuSeconds : 0));
        o.WriteLine(string.Format(c, "codezero speed: {0:F1} MIPS ({1} instructions)", mips, ours.Instructions));
        o.WriteLine(difference == null ? "result: identical stdout and exit status" : "result: DIFFERENT: " + difference);
        return difference == null ? ExitStatus.Identical : ExitStatus.Different;
    }

    private static (byte[] Output, int Status, double Seconds) RunQemu(CompareQemuOptions options, string[] guestArgs)
    {
        var start = new ProcessStartInfo(options.Qemu)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(options.Elf);
        foreach (string arg in guestArgs)
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliFailure(ExitStatus.ReferenceUnavailable, $"cannot run {options.Qemu}");
        }
        catch (Win32Exception e)
        {
            throw new CliFailure(ExitStatus.ReferenceUnavailable, $"cannot run {options.Qemu}: {e.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = new MemoryStream();
            Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(output);
            Task copyErr = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            if (!process.WaitForExit(options.Timeout * 1000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new CliFailure(ExitStatus.ReferenceUnavailable,
                    $"{options.Qemu} did not finish within {options.Timeout} s");
            }
            process.WaitForExit(); // also waits for the redirected streams to reach end of file
            Task.WaitAll(copyOut, copyErr);
            clock.Stop();
            return (output.ToArray(), process.ExitCode, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Where two runs first differ, in one line; null when stdout and status agree.</summary>
    private static string? Difference(byte[] ours, byte[] theirs, int ourStatus, int theirStatus)
    {
        int common = Math.Min(ours.Length, theirs.Length);
        int at = ((ReadOnlySpan<byte>)ours).CommonPrefixLength(theirs);
        if (at < common || ours.Length != theirs.Length)
        {
            int line = 1;
            for (int i = 0; i < at; i++)
            {
                if (ours[i] == (byte)'\n')
                {
                    line++;
                }
            }
            return string.Format(CultureInfo.InvariantCulture, "stdout differs at byte {0} (line {1}): codezero {2}, qemu {3}",
                at, line, Excerpt(ours, at), Excerpt(theirs, at));
        }
        if (ourStatus != theirStatus)
        {
            return string.Format(CultureInfo.InvariantCulture, "exit status {0} here, {1} under qemu", ourStatus, theirStatus);
        }
        return null;
    }

    private static string Excerpt(byte[] bytes, int at)
    {
        if (at >= bytes.Length)
        {
            return "<end of output>";
        }
        int start = at;
        while (start > 0 && bytes[start - 1] != (byte)'\n' && at - start < 40)
        {
            start--;
        }
        int end = Array.IndexOf(bytes, (byte)'\n', at);
        end = end < 0 ? Math.Min(bytes.Length, at + 40) : Math.Min(end, at + 40);
        string text = System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
        return "\"" + text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
    }
}
