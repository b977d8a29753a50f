// The tiers and placements the IPC benchmarks measure, and the flags words they stand for.
using Codezero.Kernel.Abi;

namespace Codezero.Bench;

public enum IpcTier
{
    Short,
    Full,
    Extended64,
    Extended512,
    Extended2048,
}

public enum Placement
{
    /// <summary>Client and server on core 0.</summary>
    SameCore,
    /// <summary>Client on core 0, server on core 1.</summary>
    CrossCore,
}

public static class IpcCase
{
    public static readonly IpcTier[] Tiers = [IpcTier.Short, IpcTier.Full, IpcTier.Extended64, IpcTier.Extended512, IpcTier.Extended2048];

    public static readonly Placement[] Placements = [Placement.SameCore, Placement.CrossCore];

    /// <summary>Bytes an extended round trip moves each way (0 for short and full).</summary>
    public static int Bytes(IpcTier tier) => tier switch
    {
        IpcTier.Extended64 => 64,
        IpcTier.Extended512 => 512,
        IpcTier.Extended2048 => 2048,
        _ => 0,
    };

    /// <summary>The tier field of the flags word (0 short, 1 full, 2 extended).</summary>
    public static uint TierField(IpcTier tier) => tier switch
    {
        IpcTier.Short => IpcFlags.Short,
        IpcTier.Full => IpcFlags.Full,
        _ => IpcFlags.Extended,
    };

    /// <summary>The ipc flags word: extended with the buffer in MR5 (r8), as libl4 sends it.</summary>
    public static uint Flags(IpcTier tier)
        => tier is IpcTier.Short or IpcTier.Full ? TierField(tier) : IpcFlags.Extended | (5u << 4) | ((uint)Bytes(tier) << 16);

    public static string Name(IpcTier tier) => tier switch
    {
        IpcTier.Short => "short",
        IpcTier.Full => "full",
        IpcTier.Extended64 => "extended 64",
        IpcTier.Extended512 => "extended 512",
        _ => "extended 2048",
    };

    public static string Name(Placement placement) => placement == Placement.SameCore ? "same core" : "cross core";
}
