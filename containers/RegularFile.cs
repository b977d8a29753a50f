// Reads a file a run needs (a manifest, a container's image) whole, refusing directories, pipes, devices and oversized files.
using System;
using System.IO;

namespace Codezero.Containers;

/// <summary>
/// Opening a FIFO with no writer blocks forever and reading <c>/dev/zero</c> never ends, so a file is
/// judged before it is opened: a directory or a missing file is refused by name, and a file whose size
/// is 0 is refused without being opened, since on Linux pipes, sockets and character and block devices
/// all report size 0 (an empty regular file has nothing to read anyway). The read itself stops after
/// <c>maxBytes + 1</c> bytes, so a file that grows while it is read is refused as too large too.
/// </summary>
public static class RegularFile
{
    /// <summary>
    /// The whole of the file at <paramref name="path"/>, or null with <paramref name="problem"/> saying
    /// why not, as a phrase: "no such file", "is a directory", "is empty or not a regular file (a pipe,
    /// a socket or a device)", "is 2 GiB, more than the 1 GiB allowed", or the system's message.
    /// </summary>
    public static byte[]? TryRead(string path, long maxBytes, out string problem)
    {
        problem = "";
        try
        {
            if (Directory.Exists(path))
            {
                problem = "is a directory";
                return null;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = "no such file";
                return null;
            }
            if (info.Length == 0)
            {
                problem = "is empty or not a regular file (a pipe, a socket or a device)";
                return null;
            }
            if (info.Length > maxBytes)
            {
                problem = $"is {Sizes.Format((ulong)info.Length)}, more than the {Sizes.Format((ulong)maxBytes)} allowed";
                return null;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var buffer = new byte[Math.Min(info.Length + 1, maxBytes + 1)];
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
            problem = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            return null;
        }
    }
}
