// Maps guest file names to host paths inside the one directory the user allowed, refusing everything else.
using System;
using System.Collections.Generic;
using System.IO;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// The semihosting file sandbox. A guest name is taken relative to the root (an absolute name is
/// taken as it is), every symbolic link on the way is followed the way the kernel would follow it,
/// and the result must be the root or lie below it. Anything else, and everything when no root
/// was configured, is refused with EACCES. Only Unix-style paths are supported.
/// </summary>
public sealed class SemihostSandbox
{
    private const int MaxLinks = 40; // as Linux's ELOOP limit

    private readonly string? _root;

    /// <param name="root">The directory guests may use, or null to refuse every host file.</param>
    public SemihostSandbox(string? root)
    {
        if (root == null)
        {
            return;
        }
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"semihosting root '{root}' is not a directory");
        }
        if (!TryRealPath(Path.GetFullPath(root), out string? real))
        {
            throw new IOException($"semihosting root '{root}': too many levels of symbolic links");
        }
        _root = real;
    }

    /// <summary>The canonical root directory, or null when host files are refused.</summary>
    public string? Root => _root;

    /// <summary>
    /// Resolves a guest file name. Returns 0 and the canonical host path, or a negative errno
    /// (-EACCES outside the sandbox or without one, -ENOENT for an empty name).
    /// </summary>
    public int Resolve(string guestName, out string hostPath)
    {
        hostPath = string.Empty;
        if (_root == null)
        {
            return -SemihostErrno.Access;
        }
        if (guestName.Length == 0)
        {
            return -SemihostErrno.NoEntry;
        }
        if (guestName.IndexOf('\0') >= 0)
        {
            return -SemihostErrno.Invalid;
        }
        string combined = guestName[0] == '/' ? guestName : _root + "/" + guestName;
        if (!TryRealPath(combined, out string? real))
        {
            return -SemihostErrno.Access;
        }
        if (!IsInside(real))
        {
            return -SemihostErrno.Access;
        }
        hostPath = real;
        return 0;
    }

    private bool IsInside(string path)
    {
        string root = _root!;
        if (path.Equals(root, StringComparison.Ordinal))
        {
            return true;
        }
        string prefix = root.EndsWith('/') ? root : root + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// realpath(3) without requiring the last components to exist: walks the components from "/",
    /// replacing each symbolic link by its target (an absolute target restarts from "/") and
    /// applying ".." to the path resolved so far, so "link/.." means the link target's parent.
    /// </summary>
    private static bool TryRealPath(string absolute, out string result)
    {
        var pending = new List<string>(absolute.Split('/', StringSplitOptions.RemoveEmptyEntries));
        string current = "/";
        int links = 0;
        int index = 0;
        while (index < pending.Count)
        {
            string component = pending[index++];
            if (component == ".")
            {
                continue;
            }
            if (component == "..")
            {
                int slash = current.LastIndexOf('/');
                current = slash <= 0 ? "/" : current[..slash];
                continue;
            }
            string next = current == "/" ? "/" + component : current + "/" + component;
            string? target = LinkTarget(next);
            if (target == null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                result = string.Empty;
                return false;
            }
            string[] targetParts = target.Split('/', StringSplitOptions.RemoveEmptyEntries);
            pending.RemoveRange(0, index);
            pending.InsertRange(0, targetParts);
            index = 0;
            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }
        result = current;
        return true;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget; // null when the path is not a link or does not exist
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
