// Reads a file a run needs (a manifest, a container's image, an ELF) whole, refusing directories, devices, pipes, sockets and oversized files.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Codezero.Containers;

/// <summary>
/// Opening a FIFO with no writer blocks forever and reading <c>/dev/zero</c> never ends, so a file is
/// judged with <c>statx(2)</c> before it is opened (it follows symbolic links and has the same layout on
/// every Linux architecture): a directory, a character or block device, a FIFO or a socket is refused
/// by what it is. The read itself stops after <c>maxBytes + 1</c> bytes, so a file that grows while it
/// is read is refused as too large too.
/// </summary>
public static partial class RegularFile
{
    /// <summary>
    /// Null when <paramref name="path"/> names a regular file (<paramref name="size"/> is then its size);
    /// otherwise why not, as a phrase: "no such file", "permission denied", or, with
    /// <paramref name="notRegular"/> set, what it is instead: "is a directory", "is a FIFO (named pipe)".
    /// </summary>
    public static string? Inspect(string path, out ulong size, out bool notRegular)
    {
        size = 0;
        notRegular = false;
        if (path.Length == 0 || path.Contains('\0'))
        {
            return "no such file";
        }
        if (!Stat(path, out uint mode, out size, out int errno))
        {
            return errno switch
            {
                ENOENT or ENOTDIR => "no such file",
                EACCES => "permission denied",
                ENAMETOOLONG => "file name too long",
                ELOOP => "too many levels of symbolic links",
                _ => $"cannot read: {Marshal.GetPInvokeErrorMessage(errno)}",
            };
        }
        string? kind = (mode & FileTypeMask) switch
        {
            Regular => null,
            Directory => "is a directory",
            CharacterDevice => "is a character device",
            BlockDevice => "is a block device",
            Fifo => "is a FIFO (named pipe)",
            Socket => "is a socket",
            _ => "is not a regular file",
        };
        notRegular = kind != null;
        return kind;
    }

    /// <summary>
    /// The whole of the file at <paramref name="path"/>, or null with <paramref name="problem"/> saying
    /// why not, as a phrase: "no such file", "is a directory", "is a FIFO (named pipe)", "is empty"
    /// (unless <paramref name="emptyIsAllowed"/>), "is 2 GiB, more than the 1 GiB allowed", or the
    /// system's message.
    /// </summary>
    public static byte[]? TryRead(string path, long maxBytes, out string problem, bool emptyIsAllowed = false)
    {
        string? refused = Inspect(path, out ulong size, out _);
        if (refused != null)
        {
            problem = refused;
            return null;
        }
        if (size == 0 && !emptyIsAllowed)
        {
            problem = "is empty";
            return null;
        }
        if (size > (ulong)maxBytes)
        {
            problem = $"is {Sizes.Format(size)}, more than the {Sizes.Format((ulong)maxBytes)} allowed";
            return null;
        }
        problem = "";
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[Math.Min((long)size + 1, maxBytes + 1)];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        problem = $"is more than the {Sizes.Format((ulong)maxBytes)} allowed";
                        return null;
                    }
                    Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, maxBytes + 1));
                }
                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => $"cannot read: {e.Message.ReplaceLineEndings(" ")}",
            };
            return null;
        }
    }

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
