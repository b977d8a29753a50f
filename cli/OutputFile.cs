// The files codezero writes (--trace): created before anything runs, so a path that cannot be written is a usage error up front.
using System;
using System.IO;

namespace Codezero.Cli;

public static class OutputFile
{
    /// <summary>
    /// Creates (or truncates) the file <c>--<paramref name="option"/> <paramref name="path"/></c> names for
    /// writing; a directory, a missing parent directory or a refused open is a <see cref="CliFailure"/> (64).
    /// </summary>
    public static FileStream Create(string path, string option)
    {
        if (path.Length == 0)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{option}: an empty path");
        }
        if (Directory.Exists(path))
        {
            throw new CliFailure(ExitStatus.Usage, $"--{option} {path}: is a directory");
        }
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent != null && !Directory.Exists(parent))
        {
            throw new CliFailure(ExitStatus.Usage, File.Exists(parent)
                ? $"--{option} {path}: {parent} is not a directory"
                : $"--{option} {path}: no such directory {parent}");
        }
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{option} {path}: permission denied");
        }
        catch (IOException e)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{option} {path}: cannot create: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
