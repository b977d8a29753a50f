// The files codezero reads (ELFs, manifests): a regular file of bounded size, checked with stat before it is opened, or a one-line error.
using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Codezero.Cli;

/// <summary>
/// Every verb checks its input files here before opening them: a directory, a device (<c>/dev/zero</c>),
/// a FIFO (which would block the open until a writer comes) or a socket is refused with what it is, and
/// so is a file larger than the caller's limit, so nothing is read without bound. The check uses
/// <c>statx(2)</c>, which follows symbolic links and has the same layout on every Linux architecture.
/// </summary>
public static partial class InputFile
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
        if (Stat(path, out uint mode, out ulong size, out int errno))
        {
            string? kind = (mode & FileTypeMask) switch
            {
                Regular => null,
                Directory => "a directory",
                CharacterDevice => "a character device",
                BlockDevice => "a block device",
                Fifo => "a FIFO (named pipe)",
                Socket => "a socket",
                _ => "not a regular file",
            };
            if (kind != null)
            {
                throw new CliFailure(status, $"{path}: is {kind}, not {what}");
            }
            if (size > (ulong)maxBytes)
            {
                throw new CliFailure(status, $"{path}: {Size((long)Math.Min(size, long.MaxValue))} is larger than {Limit(what, maxBytes)}");
            }
            return;
        }
        throw errno switch
        {
            ENOENT or ENOTDIR => new CliFailure(status, $"{path}: no such file"),
            EACCES => new CliFailure(status, $"{path}: permission denied"),
            ENAMETOOLONG => new CliFailure(status, $"{path}: file name too long"),
            ELOOP => new CliFailure(status, $"{path}: too many levels of symbolic links"),
            _ => new CliFailure(status, $"{path}: cannot read: {Marshal.GetPInvokeErrorMessage(errno)}"),
        };
    }

    /// <summary><see cref="Check"/>, then the file's bytes (never more than <paramref name="maxBytes"/>).</summary>
    public static byte[] Read(string path, string what, long maxBytes, int status)
    {
        Check(path, what, maxBytes, status);
        try
        {
            using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var bytes = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - bytes.Length))) > 0)
            {
                bytes.Write(buffer, 0, n);
                if (bytes.Length > maxBytes)
                {
                    throw new CliFailure(status, $"{path}: more than {Limit(what, maxBytes)}");
                }
            }
            return bytes.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliFailure(status, $"{path}: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailure(status, $"{path}: permission denied");
        }
        catch (IOException e)
        {
            throw new CliFailure(status, $"{path}: cannot read: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string Limit(string what, long maxBytes) => what == Elf
        ? $"the largest image the board can hold ({Size(maxBytes)}, its most RAM)"
        : $"{Size(maxBytes)}, the most {what} may be";

    /// <summary>"1024 MiB" for whole MiB, else "1073741825 bytes".</summary>
    private static string Size(long bytes) => bytes % (1L << 20) == 0 && bytes > 0
        ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";

    // statx(2): mode and size of the file a path names, following symbolic links.
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int StatxModeOffset = 28, StatxSizeOffset = 40, StatxBytes = 256;
    private const uint FileTypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, CharacterDevice = 0x2000,
        BlockDevice = 0x6000, Fifo = 0x1000, Socket = 0xC000;
    private const int ENOENT = 2, EACCES = 13, ENOTDIR = 20, ENAMETOOLONG = 36, ELOOP = 40;

    private static unsafe bool Stat(string path, out uint mode, out ulong size, out int errno)
    {
        byte[] name = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, name);
        byte* buffer = stackalloc byte[StatxBytes];
        int result;
        fixed (byte* p = name)
        {
            result = StatX(AtFdCwd, p, 0, StatxType | StatxSize, buffer);
        }
        errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        mode = *(ushort*)(buffer + StatxModeOffset);
        size = *(ulong*)(buffer + StatxSizeOffset);
        return result == 0;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static unsafe partial int StatX(int directory, byte* path, int flags, uint mask, byte* buffer);
}
