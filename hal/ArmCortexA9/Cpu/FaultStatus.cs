// Fault status codes reported in DFSR/IFSR (short-descriptor format).
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>Fault status codes (FS field of DFSR/IFSR, short-descriptor format).</summary>
public static class FaultStatus
{
    public const uint Alignment = 0x01;
    public const uint AccessFlagSection = 0x03;
    public const uint TranslationSection = 0x05;
    public const uint AccessFlagPage = 0x06;
    public const uint TranslationPage = 0x07;
    public const uint SyncExternal = 0x08;
    public const uint DomainSection = 0x09;
    public const uint DomainPage = 0x0B;
    public const uint ExternalWalkL1 = 0x0C;
    public const uint PermissionSection = 0x0D;
    public const uint ExternalWalkL2 = 0x0E;
    public const uint PermissionPage = 0x0F;
}
