// MR0 tags of the messages the kernel sends a pager on a thread's behalf, and the pager's answers.
namespace Codezero.Kernel.Abi;

public static class FaultTag
{
    public const uint DataAbort = 0xFFFF_0001;
    public const uint PrefetchAbort = 0xFFFF_0002;
    public const uint Undefined = 0xFFFF_0003;

    /// <summary>
    /// An integer division by zero: libl4's <c>__aeabi_idiv0</c>/<c>__aeabi_ldiv0</c> executed the trap
    /// <see cref="DivideByZeroTrap"/>; MR2 is the pc of the call to the division routine.
    /// </summary>
    public const uint DivideByZero = 0xFFFF_0004;

    /// <summary>The immediate of the <c>udf</c> that raises <see cref="DivideByZero"/> (any other udf is an undefined instruction).</summary>
    public const uint DivideByZeroTrap = 0xD0;

    /// <summary>Pager reply: resume at the faulting instruction.</summary>
    public const uint Retry = 0;

    /// <summary>Pager reply: resume after the faulting instruction (the pager emulated it).</summary>
    public const uint Skip = 1;

    /// <summary>Pager reply: stop the thread (any value other than Retry and Skip does).</summary>
    public const uint Stop = 2;
}
