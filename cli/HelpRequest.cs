// Finds -h or --help anywhere among codezero's own arguments and turns the command line into the one CommandLineParser answers with help.
using System;

namespace Codezero.Cli;

/// <summary>
/// CommandLineParser only knows <c>--help</c> alone after the verb. <c>codezero -h</c>,
/// <c>codezero boot -h</c> and <c>codezero bench ipc --help</c> become <c>--help</c> and
/// <c>boot --help</c>, <c>bench --help</c>. The value of an option (<c>--trace -h</c>), anything after
/// <c>--</c> and a guest's arguments (split off before) are left alone.
/// </summary>
public static class HelpRequest
{
    public static string[] Rewrite(string[] args)
    {
        if (args.Length == 0)
        {
            return args;
        }
        if (IsHelp(args[0]))
        {
            return ["--help"];
        }
        Type? verb = Verbs.Find(args[0]);
        if (verb == null)
        {
            return args;
        }
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                break;
            }
            if (IsHelp(arg))
            {
                return [args[0], "--help"];
            }
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') < 0 && Verbs.TakesValue(verb, arg[2..]))
            {
                i++; // its value
            }
        }
        return args;
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help";
}
