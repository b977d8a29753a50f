// Splits a codezero command line into the part CommandLineParser reads and the guest's own arguments.
using System;
using System.Collections.Generic;
using Codezero.Cli.Options;

namespace Codezero.Cli;

/// <summary>
/// The first argument after the verb that is not an option (or an option's value) is the ELF; it and
/// everything before it go to CommandLineParser, everything after it to the guest untouched, as with
/// <c>qemu-arm prog.elf args...</c>. "--" also ends codezero's options.
/// </summary>
public static class ArgumentSplitter
{
    // Options that take a separate value (the "--name value" form).
    private static readonly string[] s_valueOptions =
    [
        GuestOptions.MaxInstructionsName,
        GuestOptions.SemihostingRootName,
        GuestOptions.RamMibName,
        GuestOptions.CpusName,
        GuestOptions.ModeName,
        CompareQemuOptions.QemuName,
        CompareQemuOptions.TimeoutName,
    ];

    /// <summary>Verbs whose positional arguments are all codezero's (several programs, no guest command line).</summary>
    private static readonly string[] s_unsplitVerbs = ["kernel", "boot", "inspect", "bench"];

    public static (string[] ParserArguments, string[] GuestArguments) Split(string[] args)
    {
        if (args.Length > 0 && Array.IndexOf(s_unsplitVerbs, args[0]) >= 0)
        {
            return (args, []);
        }
        var parser = new List<string>();
        int i = 0;
        if (args.Length > 0)
        {
            parser.Add(args[0]); // the verb (or --help / --version)
            i = 1;
        }
        while (i < args.Length)
        {
            string arg = args[i++];
            if (arg == "--")
            {
                parser.Add(arg); // the parser runs with EnableDashDash, so the ELF after it is a value
                if (i < args.Length)
                {
                    parser.Add(args[i++]);
                }
                break;
            }
            parser.Add(arg);
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') < 0)
            {
                if (IsValueOption(arg.AsSpan(2)) && i < args.Length)
                {
                    parser.Add(args[i++]);
                }
                continue;
            }
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                continue;
            }
            break; // the ELF
        }
        return (parser.ToArray(), args[i..]);
    }

    private static bool IsValueOption(ReadOnlySpan<char> name)
    {
        foreach (string option in s_valueOptions)
        {
            if (name.SequenceEqual(option))
            {
                return true;
            }
        }
        return false;
    }
}
