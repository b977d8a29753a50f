// The files codezero reads (ELFs, manifests): a regular file of bounded size, checked with stat before it is opened, or a one-line error.
using System;
using System.Globalization;
using Codezero.Containers;

namespace Codezero.Cli;

/// <summary>
/// Every verb checks its input files here before opening them: a directory, a device (<c>/dev/zero</c>),
/// a FIFO (which would block the open until a writer comes) or a socket is refused with what it is, and
/// so is a file larger than the caller's limit, so nothing is read without bound. The check and the read
/// are <see cref="RegularFile"/>'s (the manifest loader's); this turns its phrases into <see cref="CliFailure"/>s.
/// </summary>
public static class InputFile
{
    /// <summary>The most RAM a board has (<c>--ram-mib</c> 1024): no loadable image can be larger.</summary>
    public const long MaxImageBytes = 1024L << 20;

    /// <summary>The manifest loader's own limit (docs/manifest.md): a manifest is a short text.</summary>
    public const long MaxManifestBytes = Codezero.Containers.ManifestLoader.MaxBytes;

    /// <summary>What a file holds, for messages: "an ELF file", "a manifest".</summary>
    public const string Elf = "an ELF file";

    public const string Manifest = "a manifest";

    /// <summary>
    /// Throws <see cref="CliFailure"/> with <paramref name="status"/> unless <paramref name="path"/> is a
    /// readable regular file of at most <paramref name="maxBytes"/> bytes; <paramref name="what"/> says
    /// what it should be ("is a directory, not an ELF file").
    /// </summary>
    public static void Check(string path, string what, long maxBytes, int status)
    {
        if (path.Length == 0)
        {
            throw new CliFailure(status, $"an empty path is not {what}");
        }
        string? problem = RegularFile.Inspect(path, out ulong size, out bool notRegular);
        if (problem != null)
        {
            throw new CliFailure(status, notRegular ? $"{path}: {problem}, not {what}" : $"{path}: {problem}");
        }
        if (size > (ulong)maxBytes)
        {
            throw new CliFailure(status, $"{path}: {Size((long)Math.Min(size, long.MaxValue))} is larger than {Limit(what, maxBytes)}");
        }
    }

    /// <summary><see cref="Check"/>, then the file's bytes (never more than <paramref name="maxBytes"/>).</summary>
    public static byte[] Read(string path, string what, long maxBytes, int status)
    {
        Check(path, what, maxBytes, status);
        return RegularFile.TryRead(path, maxBytes, out string problem, emptyIsAllowed: true)
            ?? throw new CliFailure(status, $"{path}: {problem}");
    }

    private static string Limit(string what, long maxBytes) => what == Elf
        ? $"the largest image the board can hold ({Size(maxBytes)}, its most RAM)"
        : $"{Size(maxBytes)}, the most {what} may be";

    /// <summary>"1024 MiB" for whole MiB, else "1073741825 bytes".</summary>
    private static string Size(long bytes) => bytes % (1L << 20) == 0 && bytes > 0
        ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
