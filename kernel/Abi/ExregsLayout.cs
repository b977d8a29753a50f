// Layout of struct exregs, the argument block of exchange_registers (docs/abi.md).
namespace Codezero.Kernel.Abi;

public static class ExregsLayout
{
    /// <summary>Size of the block in bytes: valid, flags, r0-r12, sp, lr, pc, pager, utcb.</summary>
    public const int Size = 80;

    public const int ValidWord = 0;
    public const int FlagsWord = 1;
    public const int FirstRegisterWord = 2; // r0; sp is r13, lr r14, pc r15
    public const int PagerWord = 18;
    public const int UtcbWord = 19;

    public const uint Read = 1;
    public const uint SetPager = 2;
    public const uint SetUtcb = 4;
}
