// codezero's stdout or stderr as the board writes to it: a write that fails (a full disk, a closed pipe) is remembered, later output dropped, and reported after the run.
using System;
using System.IO;

namespace Codezero.Cli;

/// <summary>
/// The board's console writes under its own lock from the run loop, so an exception there would leave
/// that lock held and the run (or its clean-up) spinning. This stream never throws on write: the first
/// failure is kept in <see cref="Failure"/>, and <see cref="ThrowIfFailed"/> turns it into a one-line
/// error (74) once the run is over.
/// </summary>
public sealed class HostOutput : Stream
{
    private readonly Stream _inner;
    private readonly string _name;

    public HostOutput(Stream inner, string name)
    {
        _inner = inner;
        _name = name;
    }

    /// <summary>The first write or flush that failed, or null.</summary>
    public IOException? Failure { get; private set; }

    public static HostOutput StandardOutput() => new(Console.OpenStandardOutput(), "stdout");

    public static HostOutput StandardError() => new(Console.OpenStandardError(), "stderr");

    public void ThrowIfFailed()
    {
        if (Failure != null)
        {
            throw new CliFailure(ExitStatus.IoError, $"cannot write to {_name}: {Failure.Message.ReplaceLineEndings(" ")}");
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure != null)
        {
            return;
        }
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e)
        {
            Failure = e;
        }
    }

    public override void Flush()
    {
        if (Failure != null)
        {
            return;
        }
        try
        {
            _inner.Flush();
        }
        catch (IOException e)
        {
            Failure = e;
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
