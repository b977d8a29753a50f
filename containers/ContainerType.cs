// Codezero's three container types; only bare containers (one libl4 program) can be booted today.
namespace Codezero.Containers;

public enum ContainerType
{
    /// <summary>A bare-metal libl4 program: its pager is the program.</summary>
    Bare,
    /// <summary>A POSIX-like system (not supported yet: the loader rejects it).</summary>
    Posix,
    /// <summary>A paravirtualised guest OS (not supported yet: the loader rejects it).</summary>
    Guest,
}
